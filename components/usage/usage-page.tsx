'use client';

import { Link } from '../ui/link';
import { useJobRun } from '@/data/jobs';
import { usageKeys } from '@/data/usage/keys';
import { useStartJob } from '@/data/usage/mutations';
import { usageQueries, usageScopes } from '@/data/usage/queries';
import { userKeys } from '@/data/users/keys';
import { formatWhen } from '@/lib/format';
import type { CollectProgress } from '@/lib/usage/contract';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { PageHeader } from '../ui/states';
import { TopUsers } from './top-users';
import { UsagePanel } from './usage-panel';

const LABELS = { collect: { action: 'Collect now', running: 'Collecting…' }, sample: { action: 'Sample storage now', running: 'Sampling…' } };

/** A usage job's control: start it, follow its progress while it runs, say how it ended. */
function JobControl({ kind }: { kind: 'collect' | 'sample' }) {
  const write = usePermission('usage.write');
  const { job, running } = useJobRun(usageQueries.job(kind), [usageKeys.all, userKeys.all]);
  const start = useStartJob(kind);
  const p = job?.progress as CollectProgress | null | undefined;
  return (
    <div className="min-w-64 rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid={`job-${kind}`}>
      <div className="flex items-center gap-2">
        <Button variant={kind === 'collect' ? 'primary' : 'secondary'} disabled={!write.allowed || running || start.isPending} onClick={start.start}>
          {running ? LABELS[kind].running : LABELS[kind].action}
        </Button>
      </div>
      {running && kind === 'collect' && (
        <div className="mt-2" data-testid="job-progress">
          <progress className="w-full" max={p?.total || 1} value={p?.done ?? 0} aria-label="Usage reports read" />
          <p className="text-xs text-slate-600">
            {p ? `${p.done} of ${p.total} usage reports read${p.errors.length ? ` · ${p.errors.length} failed` : ''}` : 'Looking for usage reports on the gateway…'}
          </p>
        </div>
      )}
      {job && !running && (
        <div className="mt-2 text-xs" data-testid="job-result">
          <p className={job.state === 'done' && !p?.errors.length ? 'text-slate-700' : 'text-red-700'}>
            {job.state === 'failed' ? 'Failed: ' : job.state === 'busy' ? '' : job.state === 'interrupted' ? 'Interrupted: ' : `Done ${formatWhen(job.finishedAt)}: `}
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
      <UsagePanel scope={usageScopes.all()} title="All users" Top={TopUsers} />
    </>
  );
}
