'use client';

import dynamic from 'next/dynamic';
import 'swagger-ui-react/swagger-ui.css';
import { TableSkeleton } from '../ui/states';

// Swagger UI is large and needs the browser: loaded on this page only.
const SwaggerUI = dynamic(() => import('swagger-ui-react'), { ssr: false, loading: () => <TableSkeleton rows={6} columns={1} /> });

/** The API for billing systems, rendered from /api/v1/openapi.json (generated from the routes' own schemas). */
export function ApiReference() {
  return (
    <div data-testid="api-reference" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <SwaggerUI url="/api/v1/openapi.json" docExpansion="list" defaultModelsExpandDepth={0} supportedSubmitMethods={[]} />
    </div>
  );
}
