import type { Metadata } from 'next';
import { withData } from '@/app/prefetch';
import { StaffPage } from '@/components/staff/staff-page';
import { staffQueries } from '@/data/staff/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Staff' };

export default async function Page() {
  await requirePage('staff.read');
  return withData([staffQueries.list()], <StaffPage />);
}
