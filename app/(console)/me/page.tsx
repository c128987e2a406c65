import type { Metadata } from 'next';
import { searchOf, withData, type SearchParams } from '@/app/prefetch';
import { MePage } from '@/components/me/me-page';
import { rangeOf, usageQueries, usageScopes, usageView } from '@/data/usage/queries';
import { userQueries } from '@/data/users/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'My storage' };

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  await requirePage('self.read');
  const { month, view } = usageView(await searchOf(searchParams));
  return withData([userQueries.me(), usageQueries.series(usageScopes.me(), rangeOf(month, view))], <MePage />);
}
