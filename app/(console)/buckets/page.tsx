import type { Metadata } from 'next';
import { Suspense } from 'react';
import { BucketsPage } from '@/components/buckets/buckets-page';
import { TableSkeleton } from '@/components/ui/states';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Buckets' };

export default async function Page() {
  await requirePage('buckets.read');
  return (
    <Suspense fallback={<TableSkeleton />}>
      <BucketsPage />
    </Suspense>
  );
}
