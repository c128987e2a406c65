import type { JobRunView } from '@/lib/jobs/contract';
import type { PlanWithCounts } from '@/lib/plans/contract';
import { routeQuery } from '../query';
import { planKeys } from './keys';

export const planQueries = {
  list: () => routeQuery<{ plans: PlanWithCounts[] }>(planKeys.all, '/api/plans'),
  /** The last or running re-application (`apply`) or check of every user (`reconcile`). */
  job: (kind: 'apply' | 'reconcile') => routeQuery<{ job: JobRunView | null }>(planKeys.job(kind), `/api/plans/jobs/${kind}`),
};
