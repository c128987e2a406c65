import type { Metadata } from 'next';
import { ApiReference } from '@/components/api-docs/reference';
import { PageHeader } from '@/components/ui/states';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'API reference' };

export default async function Page() {
  await requirePage('tokens.read');
  return (
    <>
      <PageHeader title="API for billing systems" />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        Every call takes an API token (<code>Authorization: Bearer &lt;token&gt;</code>) made on the API tokens page. The machine-readable description is{' '}
        <a className="text-brand-700 underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>{' '}
        (OpenAPI 3.1).
      </p>
      <ApiReference />
    </>
  );
}
