'use client';

import { useState, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';

/** The one way to confirm a destructive action: says what will happen, Cancel is the default. */
export function ConfirmButton({
  label,
  title,
  confirmLabel,
  children,
  onConfirm,
  disabled,
  busy,
  testId,
}: {
  label: ReactNode;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: () => Promise<unknown> | void;
  disabled?: boolean;
  busy?: boolean;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" disabled={disabled || busy} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <div className="text-sm text-slate-700">{children}</div>
        <div className="mt-6 flex justify-end gap-2">
          <Button autoFocus onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            disabled={busy}
            onClick={async () => {
              setOpen(false);
              await onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
