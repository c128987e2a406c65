'use client';

import { lazy, useState, type ReactNode } from 'react';
import { Button } from './button';
import { LoadedOnFirstUse } from './loaded-on-first-use';

// The dialog is loaded the first time it is asked for, not with every page that offers a confirmation.
const ConfirmDialog = lazy(() => import('./confirm-dialog').then((m) => ({ default: m.ConfirmDialog })));

/**
 * The one way to confirm a destructive action: a dialog that says what will happen, with Cancel
 * focused first. With `typeToConfirm`, the name must be typed before the action is offered, and
 * the dialog stays open until the action succeeds, showing why it did not.
 */
export function ConfirmButton({
  label,
  title,
  confirmLabel,
  children,
  onConfirm,
  disabled,
  busy,
  testId,
  typeToConfirm,
  typeLabel = 'Confirmation',
  variant = 'danger',
}: {
  label: ReactNode;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  /** Resolves true when it worked (a typed confirmation closes then); a thrown error's message is shown. */
  onConfirm: () => Promise<unknown> | void;
  disabled?: boolean;
  busy?: boolean;
  testId?: string;
  typeToConfirm?: string;
  /** What the typed value is, for screen readers (“Bucket name”). */
  typeLabel?: string;
  variant?: 'danger' | 'secondary';
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} disabled={disabled || busy} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <LoadedOnFirstUse asked={open}>
        <ConfirmDialog open={open} onClose={() => setOpen(false)} title={title} confirmLabel={confirmLabel} onConfirm={onConfirm} busy={busy} typeToConfirm={typeToConfirm} typeLabel={typeLabel}>
          {children}
        </ConfirmDialog>
      </LoadedOnFirstUse>
    </>
  );
}

