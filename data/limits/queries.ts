import type { DefaultQuotas } from '@/lib/limits/contract';
import { routeQuery } from '../query';
import { settingsKeys } from './keys';

export const settingsQueries = {
  quotas: () => routeQuery<DefaultQuotas>(settingsKeys.quotas, '/api/settings/quotas'),
};
