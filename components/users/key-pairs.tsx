'use client';

import { useState } from 'react';
import { api } from '@/lib/client/api';
import { MAX_KEY_PAIRS, type NewKeyPair } from '@/lib/users/views';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { CopyButton } from '../ui/copy-button';
import { useToast } from '../ui/toast';
import { NewKeyPairNotice } from './new-key-pair';
import { useUserAction } from './use-user-action';

/** A secret shown masked; an admin may reveal it on purpose (audited), support never receives it. */
function Secret({ userId, keyId }: { userId: string; keyId: string }) {
  const reveal = usePermission('keys.reveal');
  const toast = useToast();
  const [secret, setSecret] = useState<string | null>(null);
  if (secret) {
    return (
      <span className="flex items-center gap-2">
        <code data-testid="revealed-secret" className="font-mono text-xs">
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
        <Button
          variant="ghost"
          onClick={async () => {
            try {
              setSecret((await api<{ secretKey: string }>(`/api/users/${userId}/keys/${keyId}/reveal`, { method: 'POST' })).secretKey);
            } catch (error) {
              toast('error', (error as Error).message);
            }
          }}
        >
          Reveal
        </Button>
      )}
    </span>
  );
}

/** The key pairs of a user (account null) or of one of its accounts. */
export function KeyPairs({ userId, account, keys }: { userId: string; account: string | null; keys: { accessKeyId: string }[] }) {
  const write = usePermission(account ? 'accounts.write' : 'keys.write');
  const [fresh, setFresh] = useState<(NewKeyPair & { recovered?: string }) | null>(null);
  const base = account ? `/api/users/${userId}/accounts/${encodeURIComponent(account)}/keys` : `/api/users/${userId}/keys`;
  const generate = useUserAction<{ keyPair: NewKeyPair; recovered?: string }>(userId, 'Key pair generated.');
  const revoke = useUserAction(userId, 'Key pair revoked.');
  const full = keys.length >= MAX_KEY_PAIRS;
  return (
    <div className="space-y-3">
      {keys.length === 0 ? (
        <p className="text-sm text-slate-500">No active key pairs: nobody can sign requests as {account ? 'this account' : 'this user'}.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">Access key ID</th>
              <th className="py-1 font-medium">Secret access key</th>
              <th className="py-1" />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.accessKeyId} className="border-t border-slate-100" data-testid="key-row">
                <td className="py-2 font-mono text-xs">{k.accessKeyId}</td>
                <td className="py-2">
                  <Secret userId={userId} keyId={k.accessKeyId} />
                </td>
                <td className="py-2 text-right">
                  {write.allowed && (
                    <ConfirmButton
                      label="Revoke"
                      title="Revoke this key pair?"
                      confirmLabel="Revoke key pair"
                      busy={revoke.isPending}
                      onConfirm={() => revoke.mutateAsync({ path: `${base}/${k.accessKeyId}`, method: 'DELETE' }).catch(() => undefined)}
                    >
                      Applications signing with <span className="font-mono">{k.accessKeyId}</span> will be refused at once. This cannot be undone.
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {fresh && <NewKeyPairNotice pair={fresh} onDone={() => setFresh(null)} />}
      <div className="flex items-center gap-3">
        <Button
          disabled={!write.allowed || full || generate.isPending}
          onClick={async () => {
            const result = await generate.mutateAsync({ path: base, method: 'POST' }).catch(() => null);
            if (result) setFresh({ ...result.keyPair, recovered: result.recovered });
          }}
        >
          {generate.isPending ? 'Generating…' : 'Generate key pair'}
        </Button>
        {write.allowed && full && (
          <span data-testid="key-limit" className="text-xs text-slate-600">
            The gateway allows at most {MAX_KEY_PAIRS} active key pairs. Revoke one to generate another.
          </span>
        )}
        <Forbidden why={write.why} />
      </div>
    </div>
  );
}
