'use client';

import { useInfiniteQuery } from '@/data/cache/hooks';
import { Link } from '../ui/link';
import { useSearchParams } from 'next/navigation';
import { AUDIT_FILTER_DEFAULTS, auditExportHref, auditFilters, auditQueries } from '@/data/audit/queries';
import { AUDIT_ACTIONS, AUDIT_GROUPS } from '@/lib/audit/actions';
import type { AuditRowView } from '@/lib/audit/contract';
import { formatWhen } from '@/lib/format';
import { Button } from '../ui/button';
import { DataTable, type Column } from '../ui/data-table';
import { CONTROL } from '../ui/field';
import { PageHeader, StaleNotice } from '../ui/states';
import { useSearchBox, useUrlState } from '../ui/use-url-state';

const OUTCOME_STYLE: Record<AuditRowView['outcome'], string> = { ok: 'text-emerald-700', failed: 'text-red-700', denied: 'text-amber-700' };

const COLUMNS: Column<AuditRowView>[] = [
  { id: 'at', header: 'Time', cell: (r) => <span className="whitespace-nowrap">{formatWhen(r.at)}</span> },
  {
    id: 'actor',
    header: 'Actor',
    cell: (r) => (
      <>
        {r.actorName} <span className="text-xs text-slate-500">({r.role})</span>
      </>
    ),
  },
  { id: 'action', header: 'Action', cell: (r) => r.action, className: 'font-mono text-xs' },
  { id: 'target', header: 'Target', cell: (r) => <Target row={r} />, className: 'text-xs break-all' },
  {
    id: 'outcome',
    header: 'Outcome',
    cell: (r) => (
      <span className={`font-medium ${OUTCOME_STYLE[r.outcome]}`}>
        {r.outcome}
        {r.detail && <span className="block text-xs font-normal text-slate-600">{r.detail}</span>}
      </span>
    ),
  },
  { id: 'address', header: 'From', cell: (r) => r.address ?? '—', className: 'font-mono text-xs text-slate-500' },
  { id: 'request', header: 'Request id', cell: (r) => <span title={r.requestId}>{r.requestId.slice(0, 8)}</span>, className: 'font-mono text-xs text-slate-500' },
];

/** A target by name, linked to its page when it has one; the id stays in reach. */
function Target({ row }: { row: AuditRowView }) {
  const [kind, ...rest] = row.target.split(':');
  const id = rest.join(':');
  const href = kind === 'user' && /^[0-9a-f]{16}$/.test(id) ? `/users/${id}` : kind === 'bucket' && id ? `/buckets/${encodeURIComponent(id)}` : null;
  const name = row.targetLabel ?? (kind === 'bucket' ? id : row.target);
  return (
    <span title={row.target}>
      {href ? (
        <Link href={href} className="text-brand-700 hover:underline">
          {name}
        </Link>
      ) : (
        name
      )}
      {row.targetLabel && <span className="block font-mono text-[11px] text-slate-500">{row.target}</span>}
    </span>
  );
}

export function AuditPage() {
  const url = useUrlState({ ...AUDIT_FILTER_DEFAULTS });
  const filters = auditFilters(useSearchParams());
  const [actor, setActor] = useSearchBox(url, 'actor');
  const [target, setTarget] = useSearchBox(url, 'target');
  const log = useInfiniteQuery(auditQueries.list(filters));
  const rows = log.data?.pages.flatMap((p) => p.rows);
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader title="Audit log" />
      <div className="mb-4 flex flex-wrap gap-3">
        <input type="search" aria-label="Actor" placeholder="Actor" value={actor} onChange={(e) => setActor(e.target.value)} className={`${CONTROL}`} />
        <input type="search" aria-label="Target" placeholder="Target (user id, email…)" value={target} onChange={(e) => setTarget(e.target.value)} className={`${CONTROL} w-full max-w-64`} />
        <select aria-label="Action" value={filters.action} onChange={(e) => url.set({ action: e.target.value })} className={CONTROL}>
          <option value="">All actions</option>
          {Object.entries(AUDIT_GROUPS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          {AUDIT_ACTIONS.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
        <label className="flex items-center gap-1 text-sm">
          From
          <input type="date" aria-label="From (UTC)" value={filters.from} max={filters.to || undefined} onChange={(e) => url.set({ from: e.target.value })} className={CONTROL} />
        </label>
        <label className="flex items-center gap-1 text-sm">
          to
          <input type="date" aria-label="To (UTC)" value={filters.to} min={filters.from || undefined} onChange={(e) => url.set({ to: e.target.value })} className={CONTROL} />
        </label>
        <a href={auditExportHref(filters)} download className="self-center text-sm text-brand-700 hover:underline" data-testid="audit-csv">
          Download CSV
        </a>
      </div>
      <StaleNotice query={log} />
      <DataTable
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => String(r.id)}
        rowTestId="audit-row"
        state={{ isPending: log.isPending, error: log.error, retry: () => log.refetch() }}
        empty={{ title: filtered ? 'No entries match these filters.' : 'No entries yet.' }}
      />
      {log.hasNextPage && (
        <Button className="mt-4" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {log.isFetchingNextPage ? 'Loading…' : 'Older entries'}
        </Button>
      )}
    </>
  );
}
