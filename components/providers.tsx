'use client';

import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { ApiClientError } from '@/lib/client/api';
import { ToastProvider } from './ui/toast';

// zod would probe for `new Function` on first use: under the console's CSP that probe is reported as a violation.
z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 10_000,
            // The server already retries the gateway where that is safe; a refusal will not change.
            retry: (count, error) => count < 1 && !(error instanceof ApiClientError && error.status > 0 && error.status < 500),
            refetchOnWindowFocus: false,
          },
        },
        mutationCache: new MutationCache(),
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
