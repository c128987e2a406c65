import type { Metadata } from 'next';
import { Suspense } from 'react';
import { UsersPage } from '@/components/users/users-page';
import { TableSkeleton } from '@/components/ui/states';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Users' };

export default async function Page() {
  await requirePage('users.read');
  return (
    <Suspense fallback={<TableSkeleton />}>
      <UsersPage />
    </Suspense>
  );
}
