'use client';

import { useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@/data/cache/hooks';
import { QueryClient } from '@/data/cache/store';
import { BROWSER_CACHE } from '@/data/query';
import { ToastProvider } from './ui/toast';

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient(BROWSER_CACHE));
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
