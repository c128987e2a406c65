import type { Metadata } from 'next';
import { withData } from '@/app/prefetch';
import { PlansPage } from '@/components/plans/plans-page';
import { planQueries } from '@/data/plans/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Service plans' };

export default async function Page() {
  await requirePage('plans.read');
  return withData([planQueries.list()], <PlansPage />);
}
