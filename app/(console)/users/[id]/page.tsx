import type { Metadata } from 'next';
import { searchOf, withData, type SearchParams } from '@/app/prefetch';
import { UserPage } from '@/components/users/user-page';
import { planQueries } from '@/data/plans/queries';
import { rangeOf, usageQueries, usageScopes, usageView } from '@/data/usage/queries';
import { userQueries } from '@/data/users/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'User' };

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  await requirePage('users.read');
  const { id } = await params;
  const { month, view } = usageView(await searchOf(searchParams));
  return withData([userQueries.detail(id), planQueries.list(), usageQueries.series(usageScopes.user(id), rangeOf(month, view))], <UserPage id={id} />);
}
