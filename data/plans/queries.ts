import type { PlanView } from '@/lib/plans/contract';
import { routeQuery } from '../query';
import { planKeys } from './keys';

export const planQueries = {
  list: () => routeQuery<{ plans: PlanView[] }>(planKeys.all, '/api/plans'),
};
