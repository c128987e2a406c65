'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, type ReactNode } from 'react';
import { api } from '@/lib/client/api';
import type { UserDetail } from '@/lib/users/views';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { ErrorState, TableSkeleton, StaleNotice } from '../ui/states';
import type { LimitsInput } from '@/lib/limits/schema';
import { LimitsPanel } from '../limits/limits-panel';
import { QuotaPanel, type QuotaView } from '../limits/quota-panel';
import { UserPlan, type UserPlanView } from '../plans/user-plan';
import { Accounts } from './accounts';
import { Buckets } from './buckets';
import { formatBytes } from './format';
import { UsagePanel } from '../usage/usage-panel';
import { KeyPairs } from './key-pairs';
import { userKeys } from './keys';
import { useUserAction } from './use-user-action';
import { StateBadge } from './users-page';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={id} className="mb-3 text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The client summary of one S3 user: what the guide's WHMCS panels showed, done properly. */
export function UserPage({ id }: { id: string }) {
  const router = useRouter();
  const write = usePermission('users.write');
  const user = useQuery({
    queryKey: userKeys.detail(id),
    queryFn: () => api<Detail>(`/api/users/${id}`),
  });
  const toggle = useUserAction(id, (r: { state: string }) => `User ${r.state}.`);
  const remove = useUserAction(id, 'User deleted.');

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
          <h1 className="text-xl font-semibold" data-testid="user-email">
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
        <UserControls id={id} u={u} used={used} write={write} toggle={toggle} remove={remove} onDeleted={() => router.push('/users')} />
      )}

      <Section title="Buckets">
        <Buckets buckets={u.buckets} link />
      </Section>

      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <UsagePanel scope={{ endpoint: '/api/usage', user: id, exportPath: `/api/usage/export?user=${id}`, traceable: true }} />
      </section>
    </div>
  );
}

type Detail = UserDetail & { limits: LimitsInput; quota: QuotaView; plan: UserPlanView | null };

/** What an admin may change on a user: everything but a system user. */
function UserControls({
  id,
  u,
  used,
  write,
  toggle,
  remove,
  onDeleted,
}: {
  id: string;
  u: Detail;
  used: string;
  write: { allowed: boolean; why: string | null };
  toggle: ReturnType<typeof useUserAction<{ state: string }>>;
  remove: ReturnType<typeof useUserAction>;
  onDeleted: () => void;
}) {
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
              onConfirm={() => toggle.mutateAsync({ path: `/api/users/${id}/disable`, method: 'POST' }).catch(() => undefined)}
            >
              Every S3 request signed by this user or its accounts will be refused until it is enabled again. Nothing is deleted.
            </ConfirmButton>
          ) : (
            <Button variant="primary" disabled={!write.allowed || toggle.isPending} onClick={() => toggle.mutate({ path: `/api/users/${id}/enable`, method: 'POST' })}>
              Enable user
            </Button>
          )}
          <ConfirmButton
            label="Delete user"
            title="Delete this user?"
            confirmLabel="Delete user"
            disabled={!write.allowed || u.buckets.length > 0}
            busy={remove.isPending}
            onConfirm={async () => {
              const ok = await remove.mutateAsync({ path: `/api/users/${id}`, method: 'DELETE' }).then(() => true, () => false);
              if (ok) onDeleted();
            }}
          >
            The user <strong>{u.email}</strong>, its key pairs and accounts are removed from the gateway. This cannot be undone.
          </ConfirmButton>
          {write.allowed && u.buckets.length > 0 && (
            <span data-testid="delete-blocked" className="text-xs text-slate-600">
              A user who owns buckets cannot be deleted: delete its {u.buckets.length} bucket(s) first.
            </span>
          )}
          <Forbidden why={write.why} />
        </div>
      </Section>

      <Section title="Plan">
        <UserPlan userId={id} plan={u.plan} />
      </Section>

      <Section title="Quota">
        <QuotaPanel endpoint={`/api/users/${id}/quota`} quota={u.quota} usedBytes={used} invalidate={userKeys.detail(id)} />
      </Section>

      <Section title="Limits">
        <LimitsPanel endpoint={`/api/users/${id}/limits`} limits={u.limits} invalidate={userKeys.detail(id)} />
      </Section>

      <Section title="Key pairs">
        <KeyPairs userId={id} account={null} keys={u.keys} />
      </Section>

      <Section title="Accounts">
        <Accounts user={u} />
      </Section>
    </>
  );
}
