import type { Metadata } from 'next';
import { searchOf, withData, type SearchParams } from '@/app/prefetch';
import { AuditPage } from '@/components/audit/audit-page';
import { auditFilters, auditQueries } from '@/data/audit/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Audit log' };

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  await requirePage('audit.read');
  return withData([auditQueries.list(auditFilters(await searchOf(searchParams)))], <AuditPage />);
}
