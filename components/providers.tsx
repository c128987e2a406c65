'use client';

import { useState, type ReactNode } from 'react';
import { ApiClientError } from '@/data/api';
import { QueryClientProvider } from '@/data/cache/hooks';
import { QueryClient } from '@/data/cache/store';
import { ToastProvider } from './ui/toast';

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        staleTime: 10_000,
        // The server already retries the gateway where that is safe; a refusal will not change.
        retry: (failures, error) => failures < 1 && !(error instanceof ApiClientError && error.status > 0 && error.status < 500),
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
