'use client';

import type { NewKeyPair } from '@/lib/users/contract';
import { CopyButton } from '../ui/copy-button';

/** A new key pair's id and secret, each with a copy button. */
export function KeyPairFields({ pair, className = '' }: { pair: NewKeyPair; className?: string }) {
  return (
    <dl className={`space-y-2 ${className}`}>
      {[
        ['Access key ID', pair.accessKeyId, 'new-access-key-id'],
        ['Secret access key', pair.secretKey, 'new-secret-key'],
      ].map(([label, value, id]) => (
        <div key={id} className="flex flex-wrap items-center gap-2">
          <dt className="w-36 shrink-0 text-slate-600">{label}</dt>
          <dd data-testid={id} className="min-w-0 flex-1 rounded bg-white px-2 py-1 font-mono text-xs break-all">
            {value}
          </dd>
          <CopyButton value={value} label={`Copy ${label.toLowerCase()}`} />
        </div>
      ))}
    </dl>
  );
}

/** A key pair shown once, right after it was made; afterwards only an admin can reveal the secret again, and each reveal is audited. */
export function NewKeyPairNotice({ pair, onDone, staff = true }: { pair: NewKeyPair & { recovered?: string }; onDone?: () => void; staff?: boolean }) {
  return (
    <div data-testid="new-key-pair" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      {pair.recovered && (
        <p data-testid="recovered" className="mb-2 text-amber-900">
          {pair.recovered}
        </p>
      )}
      <p className="font-medium text-amber-900">Copy this key pair now: the secret is not shown again here.</p>
      <p className="mt-1 text-amber-900">
        {staff ? 'An admin can reveal it later from the key pairs list; every reveal is recorded in the audit log.' : 'Lost secrets cannot be shown again: make a new key pair and revoke this one instead.'}
      </p>
      <KeyPairFields pair={pair} className="mt-3" />
      {onDone && (
        <button type="button" onClick={onDone} className="mt-3 text-sm font-medium text-amber-900 underline">
          I have stored it
        </button>
      )}
    </div>
  );
}
