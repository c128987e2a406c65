'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';
import { INPUT } from './field';

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
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setTyped('');
    setError(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!typeToConfirm) {
      close();
      await onConfirm();
      return;
    }
    try {
      await onConfirm();
      close();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'It could not be done.');
    }
  };
  return (
    <>
      <Button variant={variant} disabled={disabled || busy} onClick={() => setOpen(true)} data-testid={testId}>
        {label}
      </Button>
      <Dialog open={open} onClose={close} title={title}>
        <form onSubmit={submit}>
          <div className="text-sm text-slate-700">{children}</div>
          {typeToConfirm !== undefined && (
            <label className="mt-4 block text-sm font-medium">
              Type <span className="font-mono break-all">{typeToConfirm}</span> to confirm
              <input aria-label={typeLabel} value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus autoComplete="off" spellCheck={false} className={`${INPUT} font-mono`} />
            </label>
          )}
          {error && (
            <p data-testid="delete-error" className="mt-2 text-sm text-red-700">
              {error}
            </p>
          )}
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            <Button autoFocus={typeToConfirm === undefined} onClick={close}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={busy || (typeToConfirm !== undefined && typed !== typeToConfirm)}>
              {confirmLabel}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
