'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';

/** A modal on the native <dialog>: focus is trapped, Escape closes it. */
export function Dialog({ open, onClose, title, children, wide = false }: { open: boolean; onClose: () => void; title: string; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      aria-labelledby={titleId}
      className={`fixed inset-0 m-auto h-fit max-h-[90vh] w-[calc(100%-2rem)] ${wide ? 'max-w-5xl' : 'max-w-lg'} overflow-auto rounded-lg bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <div className="p-5 sm:p-6">
          <h2 id={titleId} className="mb-4 text-lg font-semibold">
            {title}
          </h2>
          {children}
        </div>
      )}
    </dialog>
  );
}

/** The footer of a dialog that only shows something: one Close button, focused first. */
export function DialogClose({ onClose }: { onClose: () => void }) {
  return (
    <div className="mt-4 flex justify-end">
      <Button autoFocus onClick={onClose}>
        Close
      </Button>
    </div>
  );
}
