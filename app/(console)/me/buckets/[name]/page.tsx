import type { Metadata } from 'next';
import { searchOf, withData, type SearchParams } from '@/app/prefetch';
import { ObjectBrowser } from '@/components/objects/object-browser';
import { bucketBase, objectQueries } from '@/data/objects/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Bucket' };

export default async function Page({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: SearchParams }) {
  await requirePage('self.read');
  const { name } = await params;
  const search = await searchOf(searchParams);
  const base = bucketBase(name, 'self');
  return withData([objectQueries.at(base, search)], <ObjectBrowser bucket={name} as="self" back={{ href: '/me', label: '← My storage' }} />);
}
