'use client';

import { useQuery } from '@/data/cache/hooks';
import { usageScopes } from '@/data/usage/queries';
import { ME } from '@/data/users/mutations';
import { userQueries } from '@/data/users/queries';
import { LIMIT_KEYS, limitSentence, quotaText } from '@/lib/limits/labels';
import { Accounts } from '../users/accounts';
import { StateBadge } from '../users/state-badge';
import { Section } from '../ui/section';
import { ErrorState, PageHeader, StaleNotice, TableSkeleton } from '../ui/states';
import { UsagePanel } from '../usage/usage-panel';
import { Connect } from './connect';
import { MyBuckets, QuotaUse } from './my-buckets';
import { MyKeys } from './my-keys';

/**
 * A customer's storage, run by themselves: who they are and what they may use, how to connect,
 * their key pairs and accounts, their buckets (each opening the object browser) and their usage.
 */
export function MePage() {
  const me = useQuery(userQueries.me());
  if (me.isPending) return <TableSkeleton rows={5} />;
  if (me.isError && !me.data) return <ErrorState error={me.error} retry={() => me.refetch()} />;
  const u = me.data;
  const limits = LIMIT_KEYS.map((k) => limitSentence(k, u.limits[k])).filter((s): s is string => s !== null);
  return (
    <div className="space-y-5">
      <PageHeader title="My storage" />
      <StaleNotice query={me} />
      <Section title="Overview">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span className="font-medium break-all" data-testid="user-email">
            {u.email}
          </span>
          <StateBadge state={u.state} />
          {u.plan && (
            <span className="text-slate-600" data-testid="plan-name">
              Plan: <span className="font-medium text-slate-900">{u.plan.name}</span>
            </span>
          )}
        </div>
        <dl className="mt-3 grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">Stored</dt>
          <dd data-testid="quota-use">
            <QuotaUse usedBytes={u.storedBytes} quotaGb={u.quota.effectiveGb} label="Storage used of your quota" />
          </dd>
          <dt className="text-slate-600">Request limits</dt>
          <dd data-testid="limits">
            {limits.length === 0 ? (
              'None: requests are not limited.'
            ) : (
              <ul>
                {limits.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            )}
          </dd>
          <dt className="text-slate-600">Quota per bucket</dt>
          <dd>{u.buckets[0]?.quota ? quotaText(u.buckets[0].quota.defaultGb) + ' unless a bucket has its own' : 'as each bucket shows below'}</dd>
          <dt className="text-slate-600">User ID</dt>
          <dd className="font-mono text-xs break-all">{u.id}</dd>
        </dl>
      </Section>
      <Section title="Connect">
        <Connect me={u} />
      </Section>
      <Section title="Key pairs">
        <MyKeys keys={u.keys} sessionKeyId={u.sessionKeyId} />
      </Section>
      <Section title="Buckets">
        <MyBuckets buckets={u.buckets} />
      </Section>
      <Section title="Accounts">
        <Accounts userId={null} subject={ME} accounts={u.accounts} />
      </Section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <UsagePanel scope={usageScopes.me()} title="My usage" />
      </section>
    </div>
  );
}
