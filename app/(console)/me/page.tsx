import type { Metadata } from 'next';
import { MePage } from '@/components/me/me-page';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'My storage' };

export default async function Page() {
  await requirePage('self.read');
  return <MePage />;
}
