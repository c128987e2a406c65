'use client';

import { useQueryClient } from '../cache/hooks';
import type { JobRunView, WaitingObjectView } from '@/lib/usage/contract';
import { api, encode } from '../api';
import { useApiMutation } from '../mutation';
import { usageKeys } from './keys';

/** Collect now / sample now: the answer is the run to follow. */
export function useStartJob(kind: 'collect' | 'sample') {
  const client = useQueryClient();
  const mutation = useApiMutation({
    mutationFn: () => api<{ job: JobRunView; started: boolean }>(`/api/usage/jobs/${kind}`, { method: 'POST' }),
    invalidates: () => [],
  });
  return {
    ...mutation,
    start: () => mutation.mutate(undefined, { onSuccess: (answer) => client.setQueryData(usageKeys.job(kind), { job: answer.job }) }),
  };
}

export const useDeleteStatisticsObject = () =>
  useApiMutation({
    mutationFn: (o: WaitingObjectView) => api(`/api/usage/statistics/${encode(o.name)}${o.state === 'collected' ? '' : '?uncollected=1'}`, { method: 'DELETE' }),
    invalidates: () => [usageKeys.statistics()],
    success: (_, o) => `Deleted ${o.name} on the gateway.`,
  });

export const useRetryStatisticsObject = () =>
  useApiMutation({
    mutationFn: (o: WaitingObjectView) => api(`/api/usage/statistics/${encode(o.name)}/retry`, { method: 'POST' }),
    invalidates: () => [usageKeys.statistics()],
    success: (_, o) => `${o.name} will be read again by the next collection.`,
  });
