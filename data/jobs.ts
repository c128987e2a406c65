'use client';

import { useQuery, useQueryClient } from './cache/hooks';
import type { QueryKey } from './cache/store';
import { useEffect, useRef } from 'react';
import type { JobRunView } from '@/lib/jobs/contract';
import type { routeQuery } from './query';

const underway = (job: JobRunView | null | undefined) => job?.state === 'running' || job?.state === 'queued';

/**
 * A background job's latest run, followed while it runs (every 400 ms) and quiet after; when a
 * run ends, the views it changed are refreshed.
 */
export function useJobRun(query: ReturnType<typeof routeQuery<{ job: JobRunView | null }>>, refreshes: QueryKey[]) {
  const client = useQueryClient();
  const status = useQuery({ ...query, refetchInterval: (q) => (underway(q.state.data?.job) ? 400 : false) });
  const job = status.data?.job ?? null;
  const running = underway(job);
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) for (const queryKey of refreshes) void client.invalidateQueries({ queryKey });
    wasRunning.current = running;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the keys are fixed for the component's life
  }, [running, client]);
  return { job, running, status };
}
