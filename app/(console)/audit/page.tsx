import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AuditPage } from '@/components/audit/audit-page';
import { TableSkeleton } from '@/components/ui/states';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Audit log' };

export default async function Page() {
  await requirePage('audit.read');
  return (
    <Suspense fallback={<TableSkeleton />}>
      <AuditPage />
    </Suspense>
  );
}
