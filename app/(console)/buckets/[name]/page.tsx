import type { Metadata } from 'next';
import { BucketPage } from '@/components/buckets/bucket-page';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Bucket' };

export default async function Page({ params }: { params: Promise<{ name: string }> }) {
  await requirePage('buckets.read');
  const { name } = await params;
  return <BucketPage name={name} />;
}
