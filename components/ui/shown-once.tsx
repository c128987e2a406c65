'use client';

import type { ReactNode } from 'react';
import { CopyButton } from './copy-button';
import { Dialog, DialogClose } from './dialog';

/** A secret shown once (a new password, an API token), with what to do with it and a copy button. */
export function ShownOnce({ title, secret, testId, copyLabel, onClose, children }: { title: string; secret: string | null; testId: string; copyLabel: string; onClose: () => void; children: ReactNode }) {
  return (
    <Dialog open={secret !== null} onClose={onClose} title={title}>
      {secret !== null && (
        <div className="space-y-3 text-sm">
          <p>{children}</p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid={testId} className="rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all">
              {secret}
            </code>
            <CopyButton value={secret} label={copyLabel} />
          </div>
        </div>
      )}
      <DialogClose onClose={onClose} />
    </Dialog>
  );
}
