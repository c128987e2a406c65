'use client';

import { useQuery } from '@/data/cache/hooks';
import { Link } from '../ui/link';
import { useRouter } from 'next/navigation';
import { usageScopes } from '@/data/usage/queries';
import { useDeleteUser, useSetUserState, userSubject } from '@/data/users/mutations';
import { userQueries } from '@/data/users/queries';
import { formatBytes } from '@/lib/format';
import type { UserPageData } from '@/lib/users/contract';
import { usePermission } from '../current-user';
import { LimitsPanel } from '../limits/limits-panel';
import { QuotaPanel } from '../limits/quota-panel';
import { UserPlan } from '../plans/user-plan';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { Section } from '../ui/section';
import { ErrorState, StaleNotice, TableSkeleton } from '../ui/states';
import { UsagePanel } from '../usage/usage-panel';
import { Accounts } from './accounts';
import { BillingBinding } from './billing-binding';
import { KeyPairs } from './key-pairs';
import { StateBadge } from './state-badge';
import { UserBuckets } from './user-buckets';

/** The client summary of one S3 user: what the vendor guide's WHMCS panels showed, done properly. */
export function UserPage({ id }: { id: string }) {
  const user = useQuery(userQueries.detail(id));
  if (user.isPending) return <TableSkeleton rows={6} />;
  if (user.isError && !user.data) return <ErrorState error={user.error} retry={() => user.refetch()} />;
  const u = user.data;
  const used = u.buckets.reduce((sum, b) => sum + BigInt(b.sizeBytes), 0n).toString();

  return (
    <div className="space-y-5">
      <StaleNotice query={user} />
      <div>
        <Link href="/users" className="text-sm text-brand-700 hover:underline">
          ← Users
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold break-all" data-testid="user-email">
            {u.email}
          </h1>
          <StateBadge state={u.state} />
          {u.flags.map((f) => (
            <span key={f} className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800">
              {f}
            </span>
          ))}
        </div>
        <p className="mt-1 text-sm text-slate-600">
          User ID <span className="font-mono">{u.id}</span> · {u.buckets.length} bucket(s), {formatBytes(used)} stored
        </p>
      </div>

      {u.system ? (
        <section data-testid="system-user" className="rounded-lg border border-indigo-200 bg-indigo-50 p-5 text-sm text-indigo-950">
          <h2 className="text-base font-semibold">A system user of the gateway</h2>
          <p className="mt-1">
            System users call the gateway’s admin services; the console signs its own calls with one. The console shows them but never changes them, reveals their
            keys or signs in with them: a revoked key or a limit here could cut the console off from the gateway. Manage them on the gateway with ostor-s3-admin.
          </p>
          <p className="mt-2">
            Key pairs: <span className="font-mono text-xs">{u.keys.map((k) => k.accessKeyId).join(', ') || 'none'}</span>
          </p>
        </section>
      ) : (
        <UserControls u={u} used={used} />
      )}

      <Section title="Buckets">
        <UserBuckets buckets={u.buckets} link />
      </Section>

      <section className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <UsagePanel scope={usageScopes.user(id)} />
      </section>
    </div>
  );
}

/** What an admin may change on a user: everything but a system user. */
function UserControls({ u, used }: { u: UserPageData; used: string }) {
  const router = useRouter();
  const write = usePermission('users.write');
  const toggle = useSetUserState(u.id);
  const remove = useDeleteUser(u.id);
  return (
    <>
      <Section title="State">
        <div className="flex flex-wrap items-center gap-3">
          {u.state === 'enabled' ? (
            <ConfirmButton
              label="Disable user"
              title="Disable this user?"
              confirmLabel="Disable user"
              disabled={!write.allowed}
              busy={toggle.isPending}
              onConfirm={() => toggle.mutateAsync('disabled').catch(() => undefined)}
            >
              Every S3 request signed by this user or its accounts will be refused until it is enabled again. Nothing is deleted.
            </ConfirmButton>
          ) : (
            <Button variant="primary" disabled={!write.allowed || toggle.isPending} onClick={() => toggle.mutate('enabled')}>
              Enable user
            </Button>
          )}
          <ConfirmButton
            label="Delete user"
            title="Delete this user?"
            confirmLabel="Delete user"
            disabled={!write.allowed || u.buckets.length > 0}
            busy={remove.isPending}
            typeToConfirm={u.email}
            typeLabel="The user’s email"
            onConfirm={async () => {
              await remove.mutateAsync();
              router.push('/users');
            }}
          >
            The user <strong className="break-all">{u.email}</strong> is removed from the gateway with its {u.keys.length} key pair{u.keys.length === 1 ? '' : 's'} and{' '}
            {u.accounts.length} account{u.accounts.length === 1 ? '' : 's'}: anything signing with them is refused from then on. This cannot be undone.
          </ConfirmButton>
          {write.allowed && u.buckets.length > 0 && (
            <span data-testid="delete-blocked" className="text-xs text-slate-600">
              A user who owns buckets cannot be deleted: delete its {u.buckets.length} bucket(s) first.
            </span>
          )}
        </div>
        <BillingBinding userId={u.id} />
      </Section>

      <Section title="Plan">
        <UserPlan userId={u.id} plan={u.plan} />
      </Section>

      <Section title="Quota">
        <QuotaPanel owner={{ kind: 'user', id: u.id }} quota={u.quota} usedBytes={used} />
      </Section>

      <Section title="Limits">
        <LimitsPanel owner={{ kind: 'user', id: u.id }} limits={u.limits} />
      </Section>

      <Section title="Key pairs">
        <KeyPairs userId={u.id} subject={userSubject(u.id)} account={null} keys={u.keys} />
      </Section>

      <Section title="Accounts">
        <Accounts userId={u.id} subject={userSubject(u.id)} accounts={u.accounts} />
      </Section>
    </>
  );
}
