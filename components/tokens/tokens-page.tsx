'use client';

import { useQuery } from '@/data/cache/hooks';
import { useState, type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useCreateToken, useRevokeToken } from '@/data/tokens/mutations';
import { tokenQueries } from '@/data/tokens/queries';
import type { TokenView } from '@/lib/api-tokens/contract';
import { formatWhen } from '@/lib/format';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { DataTable, type Column } from '../ui/data-table';
import { Dialog } from '../ui/dialog';
import { ShownOnce } from '../ui/shown-once';
import { TextField } from '../ui/field';
import { PageHeader } from '../ui/states';

const SCOPE_TEXT: Record<TokenView['scopes'][number], string> = {
  provisioning: 'provisioning — create, suspend, change plan, rotate keys, terminate services',
  'usage:read': 'usage:read — usage figures for invoicing',
  sso: 'sso — one-time sign-in links for customers',
};

function stateOf(t: TokenView): string {
  if (t.revokedAt) return `revoked ${formatWhen(t.revokedAt)}`;
  if (t.expiresAt && Date.parse(t.expiresAt) < Date.now()) return `expired ${formatWhen(t.expiresAt)}`;
  return t.expiresAt ? `expires ${formatWhen(t.expiresAt)}` : 'no expiry';
}

/** A new token, shown once. */
function NewToken({ shown, onClose }: { shown: { name: string; token: string } | null; onClose: () => void }) {
  return (
    <ShownOnce title="New API token" secret={shown?.token ?? null} testId="new-token" copyLabel="Copy token" onClose={onClose}>
      The token <strong>{shown?.name}</strong>. Copy it now into the billing system: it is not shown again (the console keeps only a hash of it).
    </ShownOnce>
  );
}

export function TokensPage() {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const list = useQuery(tokenQueries.list());
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const fields = create.error instanceof ApiClientError ? create.error.fields : {};
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    create.mutate(
      {
        name: String(form.get('name') ?? ''),
        scopes: form.getAll('scopes').map(String),
        expiresAt: String(form.get('expiresAt') ?? '') || null,
        allowedCidrs: String(form.get('allowedCidrs') ?? '')
          .split(/[\s,]+/)
          .filter(Boolean),
      },
      {
        onSuccess: (r) => {
          setOpen(false);
          setShown({ name: r.view.name, token: r.token });
        },
      },
    );
  };
  const columns: Column<TokenView>[] = [
    { id: 'name', header: 'Name', sortable: true, sortValue: (t) => t.name.toLowerCase(), cell: (t) => <span className="font-medium break-all">{t.name}</span> },
    { id: 'scopes', header: 'Scopes', cell: (t) => <span className="whitespace-nowrap">{t.scopes.join(', ')}</span> },
    { id: 'from', header: 'Allowed from', cell: (t) => (t.allowedCidrs.length ? <span className="font-mono text-xs">{t.allowedCidrs.join(', ')}</span> : 'anywhere') },
    { id: 'state', header: 'State', cell: (t) => <span className={t.revokedAt ? 'text-slate-500' : ''}>{stateOf(t)}</span> },
    {
      id: 'used',
      header: 'Last used',
      sortable: true,
      sortValue: (t) => t.lastUsedAt ?? '',
      cell: (t) => (
        <span className="whitespace-nowrap">
          {t.lastUsedAt ? formatWhen(t.lastUsedAt) : 'never'}
          {t.lastUsedAddress && <span className="block text-xs text-slate-500">from {t.lastUsedAddress}</span>}
        </span>
      ),
    },
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      cell: (t) =>
        !t.revokedAt && (
          <ConfirmButton label="Revoke" title={`Revoke the API token “${t.name}”?`} confirmLabel="Revoke token" busy={revoke.isPending} onConfirm={() => revoke.mutateAsync(t.id).catch(() => undefined)}>
            Its next call is refused, on every console instance. A billing system using it stops provisioning until it is given a new token.
          </ConfirmButton>
        ),
    },
  ];
  return (
    <>
      <PageHeader title="API tokens">
        <Button variant="primary" onClick={() => setOpen(true)}>
          Create token
        </Button>
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        Billing systems (WHMCS and others) call the console’s API with these tokens: <code>Authorization: Bearer &lt;token&gt;</code> on <code>/api/v1/…</code>. Each call that changes
        something is in the audit log under the token’s name. The reference is at{' '}
        <a className="text-brand-700 underline" href="/api-docs">
          /api-docs
        </a>
        .
      </p>
      <DataTable
        columns={columns}
        rows={list.data?.tokens}
        rowKey={(t) => t.id}
        state={{ isPending: list.isPending, error: list.error, retry: () => list.refetch() }}
        empty={{ title: 'No API tokens yet.', hint: 'Create one for each billing system that drives the console.' }}
      />
      <Dialog open={open} onClose={() => setOpen(false)} title="Create an API token">
        <form onSubmit={submit} className="space-y-3" noValidate>
          <TextField label="Name" name="name" required autoComplete="off" error={fields.name} hint="Who uses it, e.g. WHMCS production." />
          <fieldset>
            <legend className="text-sm font-medium">Scopes</legend>
            {(Object.keys(SCOPE_TEXT) as TokenView['scopes']).map((s) => (
              <label key={s} className="mt-1 flex items-start gap-2 text-sm">
                <input type="checkbox" name="scopes" value={s} defaultChecked={s !== 'sso'} className="mt-1" />
                <span>{SCOPE_TEXT[s]}</span>
              </label>
            ))}
            {fields.scopes && <p className="mt-1 text-sm text-red-700">{fields.scopes}</p>}
          </fieldset>
          <TextField label="Expires on (optional)" name="expiresAt" type="date" error={fields.expiresAt} hint="The token stops working at the end of that day (UTC)." />
          <TextField
            label="Allowed from (optional)"
            name="allowedCidrs"
            autoComplete="off"
            error={fields.allowedCidrs ?? Object.entries(fields).find(([k]) => k.startsWith('allowedCidrs.'))?.[1]}
            hint="Addresses or CIDR blocks, separated by spaces or commas: the billing system’s server. Empty: anywhere."
          />
          <div className="flex justify-end gap-2 pt-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending}>
              Create token
            </Button>
          </div>
        </form>
      </Dialog>
      <NewToken shown={shown} onClose={() => setShown(null)} />
    </>
  );
}
