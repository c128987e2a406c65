'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog } from './dialog';
import { INPUT } from './field';

/** ConfirmButton's dialog (loaded the first time one is opened). */
export function ConfirmDialog({
  open,
  onClose,
  title,
  confirmLabel,
  children,
  onConfirm,
  busy,
  typeToConfirm,
  typeLabel,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: () => Promise<unknown> | void;
  busy?: boolean;
  typeToConfirm?: string;
  typeLabel: string;
}) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    onClose();
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
  );
}
