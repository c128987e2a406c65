import type { Metadata } from 'next';
import { searchOf, withData, type SearchParams } from '@/app/prefetch';
import { ObjectBrowser } from '@/components/objects/object-browser';
import { bucketBase, objectQueries } from '@/data/objects/queries';
import { encode } from '@/data/api';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Objects' };

/** Staff's view of any user's bucket: admins browse, download (audited) and change; support sees names and sizes. */
export default async function Page({ params, searchParams }: { params: Promise<{ name: string }>; searchParams: SearchParams }) {
  await requirePage('objects.read');
  const { name } = await params;
  const search = await searchOf(searchParams);
  const base = bucketBase(name, 'staff');
  return withData(
    [objectQueries.at(base, search)],
    <ObjectBrowser bucket={name} as="staff" back={{ href: `/buckets/${encode(name)}`, label: '← Bucket settings' }} />,
  );
}
