import type { Metadata } from 'next';
import { searchOf, withData, type SearchParams } from '@/app/prefetch';
import { UsersPage } from '@/components/users/users-page';
import { planQueries } from '@/data/plans/queries';
import { userListParams, userQueries } from '@/data/users/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Users' };

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  await requirePage('users.read');
  return withData([userQueries.list(userListParams(await searchOf(searchParams))), planQueries.list()], <UsersPage />);
}
