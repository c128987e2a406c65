'use client';

import { Suspense, useState, type ReactNode } from 'react';

/**
 * A part a page shows only when asked (a dialog, a folded table), loaded with `React.lazy`:
 * rendered from the first time `asked` is true on, not before, so its code is fetched then and not
 * with the page. It stays rendered afterwards, so that closing a dialog is the native dialog
 * closing (focus goes back where it was), not the dialog being taken out of the page.
 */
export function LoadedOnFirstUse({ asked, fallback = null, children }: { asked: boolean; fallback?: ReactNode; children: ReactNode }) {
  const [used, setUsed] = useState(asked);
  if (asked && !used) setUsed(true);
  return used || asked ? <Suspense fallback={fallback}>{children}</Suspense> : null;
}
