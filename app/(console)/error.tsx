'use client';

import { ErrorState } from '@/components/ui/error-state';

/** A page that fails keeps the navigation: the error is shown in its place, with a retry. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState error={new Error(error.digest ? `This page failed to load (reference ${error.digest}).` : 'This page failed to load.')} retry={reset} />;
}
