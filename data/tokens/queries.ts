import type { ServiceBinding, TokenView } from '@/lib/api-tokens/contract';
import { encode } from '../api';
import { routeQuery } from '../query';
import { tokenKeys } from './keys';

export const tokenQueries = {
  list: () => routeQuery<{ tokens: TokenView[] }>(tokenKeys.all, '/api/tokens'),
  binding: (userId: string) => routeQuery<{ service: ServiceBinding }>(tokenKeys.binding(userId), `/api/users/${encode(userId)}/service`),
};
