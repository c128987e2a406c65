import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TableSkeleton } from '@/components/ui/states';
import { UsagePage } from '@/components/usage/usage-page';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Usage' };

export default async function Page() {
  await requirePage('usage.read');
  return (
    <Suspense fallback={<TableSkeleton />}>
      <UsagePage />
    </Suspense>
  );
}
