import type { ReactNode } from 'react';
import { formatMoment } from '@/lib/format';
import { Button } from './button';

export { ErrorState } from './error-state';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div data-testid="empty-state" className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
      <p className="font-medium text-slate-800">{title}</p>
      {children && <div className="mt-1">{children}</div>}
    </div>
  );
}

/** A placeholder shaped like the table it stands for. */
export function TableSkeleton({ rows = 8, columns = 3 }: { rows?: number; columns?: number }) {
  return (
    <div aria-busy="true" aria-label="Loading" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-6 border-b border-slate-100 px-4 py-3 last:border-0">
          {Array.from({ length: columns }, (_, c) => (
            <div key={c} className="h-4 flex-1 animate-pulse rounded bg-slate-200" />
          ))}
        </div>
      ))}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-5 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <div className="flex items-center gap-2">{children}</div>
    </div>
  );
}

/**
 * A page whose refresh failed keeps what it showed, marked as such: the data, when it was loaded,
 * and why it could not be refreshed — rather than nothing.
 */
export function StaleNotice({ query }: { query: { isError: boolean; data: unknown; error: unknown; dataUpdatedAt: number; refetch: () => unknown; isFetching: boolean } }) {
  if (!query.isError || query.data === undefined) return null;
  const when = formatMoment(query.dataUpdatedAt);
  return (
    <div data-testid="stale-notice" role="status" className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
      <span>
        Showing what was loaded at {when}: it could not be refreshed. {query.error instanceof Error ? query.error.message : ''}
      </span>
      <Button onClick={() => query.refetch()} disabled={query.isFetching}>
        {query.isFetching ? 'Trying…' : 'Try again'}
      </Button>
    </div>
  );
}
