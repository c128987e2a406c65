import type { Metadata } from 'next';
import { searchOf, withData, type SearchParams } from '@/app/prefetch';
import { UsagePage } from '@/components/usage/usage-page';
import { rangeOf, usageQueries, usageScopes, usageView } from '@/data/usage/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Usage' };

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  await requirePage('usage.read');
  const { month, view } = usageView(await searchOf(searchParams));
  return withData([usageQueries.series(usageScopes.all(), rangeOf(month, view)), usageQueries.job('collect'), usageQueries.job('sample')], <UsagePage />);
}
