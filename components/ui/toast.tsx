'use client';

import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

type Push = (kind: Toast['kind'], text: string) => void;

const ToastContext = createContext<Push>(() => undefined);

const LIFETIME = { success: 5000, error: 10_000 };

/** One notice: read out when it appears, closed by its button or Escape, kept while pointed at or focused. */
function Notice({ toast, dismiss }: { toast: Toast; dismiss: (id: number) => void }) {
  const [held, setHeld] = useState(false);
  const close = () => dismiss(toast.id);
  useEffect(() => {
    if (held) return;
    const t = setTimeout(() => dismiss(toast.id), LIFETIME[toast.kind]);
    return () => clearTimeout(t);
  }, [held, toast, dismiss]);
  return (
    <div
      data-testid={`toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      onKeyDown={(e) => e.key === 'Escape' && close()}
      className={`flex items-start gap-3 rounded-md px-4 py-3 text-sm shadow-lg ${toast.kind === 'error' ? 'bg-red-700 text-white' : 'bg-slate-900 text-white'}`}
    >
      <p className="min-w-0 flex-1 break-words">{toast.text}</p>
      <button type="button" onClick={close} aria-label="Dismiss" className="-m-1 rounded p-1 leading-none text-white/80 hover:text-white focus:outline-2 focus:outline-white">
        ×
      </button>
    </div>
  );
}

/** Notices in a corner: what happened after an action, in words. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback<Push>((kind, text) => setToasts((t) => [...t.slice(-4), { id: Date.now() + Math.random(), kind, text }]), []);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <section aria-label="Notifications" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-end gap-2 sm:left-auto sm:w-96">
        {toasts.map((t) => (
          <div key={t.id} className="pointer-events-auto w-full">
            <Notice toast={t} dismiss={dismiss} />
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
