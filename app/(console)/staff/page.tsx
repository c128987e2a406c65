import type { Metadata } from 'next';
import { StaffPage } from '@/components/staff/staff-page';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Staff' };

export default async function Page() {
  await requirePage('staff.read');
  return <StaffPage />;
}
