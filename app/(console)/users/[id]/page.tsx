import type { Metadata } from 'next';
import { UserPage } from '@/components/users/user-page';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'User' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requirePage('users.read');
  const { id } = await params;
  return <UserPage id={id} />;
}
