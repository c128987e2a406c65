import type { StaffMember } from '@/lib/staff/contract';
import { routeQuery } from '../query';
import { staffKeys } from './keys';

export const staffQueries = {
  list: () => routeQuery<{ staff: StaffMember[] }>(staffKeys.all, '/api/staff'),
};
