'use client';

import { useQuery } from '@tanstack/react-query';
import { usageScopes } from '@/data/usage/queries';
import { userQueries } from '@/data/users/queries';
import { StateBadge } from '../users/state-badge';
import { UserBuckets } from '../users/user-buckets';
import { ErrorState, PageHeader, TableSkeleton, StaleNotice } from '../ui/states';
import { UsagePanel } from '../usage/usage-panel';

/** A customer's own S3 user, read-only: key ids (never secrets), buckets and usage. */
export function MePage() {
  const me = useQuery(userQueries.me());
  if (me.isPending) return <TableSkeleton rows={5} />;
  if (me.isError && !me.data) return <ErrorState error={me.error} retry={() => me.refetch()} />;
  const u = me.data;
  const keyIds = [...u.keys.map((k) => ({ id: k.accessKeyId, owner: 'you' })), ...u.accounts.flatMap((a) => a.keys.map((k) => ({ id: k.accessKeyId, owner: `account ${a.name}` })))];
  return (
    <div className="space-y-5">
      <PageHeader title="My storage" />
      <StaleNotice query={me} />
      <section className="rounded-lg border border-slate-200 bg-white p-5 text-sm">
        <div className="flex flex-wrap items-center gap-3">
          <span className="font-medium break-all" data-testid="user-email">
            {u.email}
          </span>
          <StateBadge state={u.state} />
        </div>
        <p className="mt-1 text-slate-600">
          User ID <span className="font-mono break-all">{u.id}</span>
        </p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-3 text-base font-semibold">Access keys</h2>
        {keyIds.length === 0 ? (
          <p className="text-sm text-slate-600">You have no access keys yet: your provider creates them for you.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {keyIds.map((k) => (
              <li key={k.id}>
                <span className="font-mono text-xs break-all">{k.id}</span> <span className="text-slate-500">({k.owner})</span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 text-xs text-slate-500">Secret keys are shown only when a key pair is created.</p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="mb-3 text-base font-semibold">Buckets</h2>
        <UserBuckets buckets={u.buckets} />
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <UsagePanel scope={usageScopes.me()} title="My usage" />
      </section>
    </div>
  );
}
