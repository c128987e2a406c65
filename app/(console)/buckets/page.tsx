import type { Metadata } from 'next';
import { searchOf, withData, type SearchParams } from '@/app/prefetch';
import { BucketsPage } from '@/components/buckets/buckets-page';
import { bucketListParams, bucketQueries } from '@/data/buckets/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Buckets' };

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  await requirePage('buckets.read');
  return withData([bucketQueries.list(bucketListParams(await searchOf(searchParams)))], <BucketsPage />);
}
