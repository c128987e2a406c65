import type { Metadata } from 'next';
import { StatisticsPage } from '@/components/usage/statistics-page';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Statistics objects' };

export default async function Page() {
  await requirePage('usage.read');
  return <StatisticsPage />;
}
