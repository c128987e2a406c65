import type { Metadata } from 'next';
import { Prefetch, Prefetched, searchOf, type SearchParams } from '@/app/prefetch';
import { BucketPage } from '@/components/buckets/bucket-page';
import { bucketQueries } from '@/data/buckets/queries';
import { rangeOf, usageQueries, usageScopes, usageView } from '@/data/usage/queries';
import { requirePage } from '@/lib/auth/page';
import type { BucketDetail } from '@/lib/buckets/contract';

export const metadata: Metadata = { title: 'Bucket' };

export default async function Page({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: SearchParams }) {
  await requirePage('buckets.read');
  const { name } = await params;
  const { month, view } = usageView(await searchOf(searchParams));
  const prefetch = new Prefetch();
  const bucket = await prefetch.query<BucketDetail>(bucketQueries.detail(name));
  if (bucket) await prefetch.query(usageQueries.series(usageScopes.bucket(bucket.name, bucket.epoch), rangeOf(month, view)));
  return (
    <Prefetched prefetch={prefetch}>
      <BucketPage name={name} />
    </Prefetched>
  );
}
