import type { Metadata } from 'next';
import { PlansPage } from '@/components/plans/plans-page';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Service plans' };

export default async function Page() {
  await requirePage('plans.read');
  return <PlansPage />;
}
