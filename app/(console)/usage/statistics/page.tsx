import type { Metadata } from 'next';
import { withData } from '@/app/prefetch';
import { StatisticsPage } from '@/components/usage/statistics-page';
import { usageQueries } from '@/data/usage/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Statistics objects' };

export default async function Page() {
  await requirePage('usage.read');
  return withData([usageQueries.statistics()], <StatisticsPage />);
}
