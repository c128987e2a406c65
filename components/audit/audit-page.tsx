'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { AUDIT_ACTIONS, AUDIT_GROUPS } from '@/lib/audit/actions';
import { api } from '@/lib/client/api';
import { Button } from '../ui/button';
import { EmptyState, ErrorState, PageHeader, TableSkeleton } from '../ui/states';
import { TableHead } from '../ui/table-head';

interface AuditPage {
  rows: { id: number; at: string; actorName: string; role: string; action: string; target: string; outcome: string; detail: string | null; requestId: string; address: string | null }[];
  next: number | null;
}


const OUTCOME_STYLE: Record<string, string> = { ok: 'text-emerald-700', failed: 'text-red-700', denied: 'text-amber-700' };

export function AuditPage() {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const filters = { actor: params.get('actor') ?? '', target: params.get('target') ?? '', action: params.get('action') ?? '' };
  const [draft, setDraft] = useState(filters);
  useEffect(() => {
    const t = setTimeout(() => {
      const next = new URLSearchParams(Object.entries(draft).filter(([, v]) => v));
      if (next.toString() !== new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString()) router.replace(`${path}?${next}`);
    }, 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);
  const log = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam }) => api<AuditPage>(`/api/audit?${new URLSearchParams({ ...filters, ...(pageParam ? { before: String(pageParam) } : {}) })}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const rows = log.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <>
      <PageHeader title="Audit log" />
      <div className="mb-4 flex flex-wrap gap-3">
        <input aria-label="Actor" placeholder="Actor" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <input aria-label="Target" placeholder="Target (user id, email…)" value={draft.target} onChange={(e) => setDraft({ ...draft, target: e.target.value })} className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <select aria-label="Action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
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
      </div>
      {log.isPending ? (
        <TableSkeleton columns={7} />
      ) : log.isError ? (
        <ErrorState error={log.error} retry={() => log.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No entries." />
      ) : (
        <>
          <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
            <TableHead columns={['Time (UTC)', 'Actor', 'Action', 'Target', 'Outcome', 'From', 'Request id']} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="audit-row">
                  <td className="px-3 py-2 whitespace-nowrap">{r.at.replace('T', ' ').slice(0, 19)}</td>
                  <td className="px-3 py-2">
                    {r.actorName} <span className="text-xs text-slate-500">({r.role})</span>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{r.action}</td>
                  <td className="px-3 py-2 font-mono text-xs break-all">{r.target}</td>
                  <td className={`px-3 py-2 font-medium ${OUTCOME_STYLE[r.outcome] ?? ''}`}>
                    {r.outcome}
                    {r.detail && <div className="text-xs font-normal text-slate-600">{r.detail}</div>}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-500">{r.address ?? '—'}</td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-500">{r.requestId.slice(0, 8)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.hasNextPage && (
            <Button className="mt-4" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? 'Loading…' : 'Older entries'}
            </Button>
          )}
        </>
      )}
    </>
  );
}
