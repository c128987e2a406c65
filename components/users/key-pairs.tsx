'use client';

import { lazy, Suspense, useState } from 'react';
import { useGenerateKey, useRevealKey, useRevokeKey, type Subject } from '@/data/users/mutations';
import { MAX_KEY_PAIRS } from '@/lib/users/constants';
import type { NewKeys } from '@/lib/users/contract';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { CopyButton } from '../ui/copy-button';
import { DataTable, type Column } from '../ui/data-table';

// Shown right after a key pair is made: loaded then, not with the page.
const NewKeyPairNotice = lazy(() => import('./new-key-pair').then((m) => ({ default: m.NewKeyPairNotice })));

/** A secret shown masked; an admin may reveal it on purpose (audited), support never receives it. */
function Secret({ userId, keyId }: { userId: string; keyId: string }) {
  const reveal = usePermission('keys.reveal');
  const revealing = useRevealKey(userId);
  const [secret, setSecret] = useState<string | null>(null);
  if (secret) {
    return (
      <span className="flex items-center gap-2">
        <code data-testid="revealed-secret" className="font-mono text-xs break-all">
          {secret}
        </code>
        <CopyButton value={secret} label="Copy secret" />
        <Button variant="ghost" onClick={() => setSecret(null)}>
          Hide
        </Button>
      </span>
    );
  }
  return (
    <span className="flex items-center gap-2">
      <span className="font-mono text-xs text-slate-400" aria-label="Secret hidden">
        ••••••••••••••••
      </span>
      {reveal.allowed && (
        <Button variant="ghost" disabled={revealing.isPending} onClick={() => revealing.mutate(keyId, { onSuccess: (pair) => setSecret(pair.secretKey) })}>
          Reveal
        </Button>
      )}
    </span>
  );
}

/**
 * The key pairs of a user (account null) or of one of its accounts; `userId` for staff (who may
 * reveal secrets), `subject` for whose pairs they are (a user's, or the customer's own).
 */
export function KeyPairs({ userId, subject, account, keys }: { userId: string | null; subject: Subject; account: string | null; keys: { accessKeyId: string }[] }) {
  const write = usePermission(userId === null ? 'self.write' : account ? 'accounts.write' : 'keys.write');
  const [fresh, setFresh] = useState<NewKeys | null>(null);
  const generate = useGenerateKey(subject, account);
  const revoke = useRevokeKey(subject, account);
  const full = keys.length >= MAX_KEY_PAIRS;
  const columns: Column<{ accessKeyId: string }>[] = [
    { id: 'id', header: 'Access key ID', cell: (k) => <span className="font-mono text-xs">{k.accessKeyId}</span> },
    ...(userId === null ? [] : [{ id: 'secret', header: 'Secret access key', cell: (k: { accessKeyId: string }) => <Secret userId={userId} keyId={k.accessKeyId} /> }]),
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      cell: (k) =>
        write.allowed && (
          <ConfirmButton label="Revoke" title="Revoke this key pair?" confirmLabel="Revoke key pair" busy={revoke.isPending} onConfirm={() => revoke.mutateAsync(k.accessKeyId).catch(() => undefined)}>
            <p>
              Applications signing with <span className="font-mono break-all">{k.accessKeyId}</span> will be refused at once. This cannot be undone.
            </p>
            {keys.length === 1 && (
              <p className="mt-2 font-medium text-red-800" data-testid="last-key-warning">
                {account
                  ? 'This is the account’s last key pair: nothing can use this account until a new one is generated.'
                  : 'This is the user’s last key pair: the customer cannot sign in to the console or use S3 until a new one is generated.'}
              </p>
            )}
          </ConfirmButton>
        ),
    },
  ];
  return (
    <div className="space-y-3">
      <DataTable
        compact
        columns={columns}
        rows={keys}
        rowKey={(k) => k.accessKeyId}
        rowTestId="key-row"
        empty={{ title: `No active key pairs: nobody can sign requests as ${account ? 'this account' : 'this user'}.` }}
      />
      {/* Shown once, and only while the key exists: a revoked key's secret is of no use to anyone. */}
      {fresh && keys.some((k) => k.accessKeyId === fresh.keyPair.accessKeyId) && (
        <Suspense>
          <NewKeyPairNotice pair={{ ...fresh.keyPair, recovered: fresh.recovered }} staff={userId !== null} onDone={() => setFresh(null)} />
        </Suspense>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={!write.allowed || full || generate.isPending} onClick={() => generate.mutate(undefined, { onSuccess: setFresh })}>
          {generate.isPending ? 'Generating…' : 'Generate key pair'}
        </Button>
        {write.allowed && full && (
          <span data-testid="key-limit" className="text-xs text-slate-600">
            The gateway allows at most {MAX_KEY_PAIRS} active key pairs. Revoke one to generate another.
          </span>
        )}
      </div>
    </div>
  );
}
