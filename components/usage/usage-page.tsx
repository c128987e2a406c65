'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { api, ApiClientError } from '@/lib/client/api';
import type { JobRun } from '@/lib/jobs/runs';
import type { Progress } from '@/lib/usage/collector';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { PageHeader } from '../ui/states';
import { useToast } from '../ui/toast';
import { formatWhen } from './format';
import { UsagePanel } from './usage-panel';

const LABELS = { collect: { action: 'Collect now', running: 'Collecting…' }, sample: { action: 'Sample storage now', running: 'Sampling…' } };

/** A usage job's control: start it, follow its progress while it runs, say how it ended. */
function JobControl({ kind }: { kind: 'collect' | 'sample' }) {
  const write = usePermission('usage.write');
  const client = useQueryClient();
  const toast = useToast();
  const status = useQuery({
    queryKey: ['usage-job', kind],
    queryFn: () => api<{ job: JobRun | null }>(`/api/usage/jobs/${kind}`),
    refetchInterval: (q) => (q.state.data?.job?.state === 'running' || q.state.data?.job?.state === 'queued' ? 400 : false),
  });
  const start = useMutation({
    mutationFn: () => api<{ job: JobRun; started: boolean }>(`/api/usage/jobs/${kind}`, { method: 'POST' }),
    onSuccess: (answer) => client.setQueryData(['usage-job', kind], { job: answer.job }),
    onError: (error) => toast('error', error instanceof ApiClientError ? error.message : 'The job could not be started.'),
  });
  const job = status.data?.job ?? null;
  const running = job?.state === 'running' || job?.state === 'queued';
  // When a run ends, the figures on the page are refreshed.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) void client.invalidateQueries({ queryKey: ['usage'] });
    wasRunning.current = running;
  }, [running, client]);
  const p = job?.progress as Progress | null | undefined;
  return (
    <div className="min-w-64 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid={`job-${kind}`}>
      <div className="flex items-center gap-2">
        <Button variant={kind === 'collect' ? 'primary' : 'secondary'} disabled={!write.allowed || running || start.isPending} onClick={() => start.mutate()}>
          {running ? LABELS[kind].running : LABELS[kind].action}
        </Button>
        <Forbidden why={write.why} />
      </div>
      {running && kind === 'collect' && (
        <div className="mt-2" data-testid="job-progress">
          <progress className="w-full" max={p?.total || 1} value={p?.done ?? 0} aria-label="Objects collected" />
          <p className="text-xs text-slate-600">
            {p ? `${p.done} / ${p.total} objects · ${p.errors.length} errors` : 'Listing the statistics objects…'}
          </p>
        </div>
      )}
      {job && !running && (
        <div className="mt-2 text-xs" data-testid="job-result">
          <p className={job.state === 'done' && !p?.errors.length ? 'text-slate-700' : 'text-red-700'}>
            {job.state === 'failed' ? 'Failed: ' : job.state === 'busy' ? '' : job.state === 'interrupted' ? 'Interrupted: ' : `Done ${formatWhen(job.finishedAt)}: `}
            {kind === 'collect' && p ? `${p.done} / ${p.total} objects; ` : ''}
            {job.message}
          </p>
          {job.attempts > 1 && job.state === 'done' && <p className="text-slate-600">Run on {job.attempts} instances: one stopped and another carried on.</p>}
          {p && p.errors.length > 0 && (
            <ul className="mt-1 max-h-24 list-disc overflow-auto pl-4 text-red-700">
              {p.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export function UsagePage() {
  return (
    <>
      <PageHeader title="Usage">
        <Link href="/usage/statistics" className="text-sm text-brand-700 hover:underline">
          Statistics objects on the gateway →
        </Link>
      </PageHeader>
      <div className="mb-6 flex flex-wrap gap-3">
        <JobControl kind="collect" />
        <JobControl kind="sample" />
      </div>
      <UsagePanel scope={{ endpoint: '/api/usage', traceable: true }} title="All users" showTop />
    </>
  );
}
