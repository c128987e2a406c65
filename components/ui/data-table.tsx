'use client';

import { useMemo, useState, type ReactNode } from 'react';
import { Pager } from './pager';
import { EmptyState, ErrorState, TableSkeleton } from './states';

/** One column: how its header reads, what each cell shows, and how it sorts (if it does). */
export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: 'left' | 'right';
  /** Sorts on the server (with `sort`) or, given this, in the browser. */
  sortable?: boolean;
  sortValue?: (row: T) => string | number | bigint;
  className?: string;
}

interface Props<T> {
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  /** The query behind the rows: its states become the table's. */
  state?: { isPending: boolean; error: unknown; retry?: () => void };
  empty: { title: string; hint?: ReactNode };
  /** Server sorting, as the URL holds it; without it, sortable columns sort in the browser. */
  sort?: { by: string; order: 'asc' | 'desc'; onSort: (by: string) => void };
  /** Server paging. */
  paging?: { page: number; pages: number; go: (page: number) => void };
  caption?: ReactNode;
  rowTestId?: string | ((row: T) => string);
  /** Plain rows inside a card (a sub-table) rather than a page's main table. */
  compact?: boolean;
}

const ALIGN = { left: 'text-left', right: 'text-right' };

/**
 * The console's one table: loading, error and empty states; sorting (on the server, bound to the
 * URL, or in the browser); server paging; a card that scrolls sideways on a narrow screen rather
 * than the page.
 */
export function DataTable<T>({ columns, rows, rowKey, state, empty, sort, paging, caption, rowTestId = 'data-row', compact = false }: Props<T>) {
  // Sorting in the browser: which column, which way (the first click sorts up, the next down).
  const [localSort, setLocalSort] = useState<{ by: string; desc: boolean } | null>(null);
  const sorting = sort ? { by: sort.by, desc: sort.order === 'desc' } : localSort;
  const shown = useMemo(() => {
    const by = !sort && localSort ? columns.find((c) => c.id === localSort.by) : undefined;
    if (!rows || !by?.sortValue) return rows ?? [];
    const value = by.sortValue;
    const direction = localSort!.desc ? -1 : 1;
    // A stable sort: rows that compare equal keep the order they came in.
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
  }, [rows, columns, sort, localSort]);
  const onSort = (id: string) => (sort ? sort.onSort(id) : setLocalSort({ by: id, desc: localSort?.by === id && !localSort.desc }));

  if (state?.isPending) return <TableSkeleton columns={Math.min(columns.length, 5)} />;
  if (state?.error && rows === undefined) return <ErrorState error={state.error} retry={state.retry} />;
  if (!rows || rows.length === 0) return <EmptyState title={empty.title}>{empty.hint}</EmptyState>;

  const pad = compact ? 'px-2 py-1.5' : 'px-4 py-2';
  return (
    <>
      {/* `relative`: screen-reader-only text in a cell is positioned absolutely, and must scroll with the table, not widen the page. */}
      <div className={compact ? 'relative overflow-x-auto' : 'relative overflow-x-auto rounded-lg border border-slate-200 bg-white'}>
        <table className="w-full text-sm">
          {caption && <caption className="mb-1 text-left font-medium">{caption}</caption>}
          <thead className={compact ? 'text-left text-xs text-slate-500' : 'bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase'}>
            <tr>
              {columns.map((c) => {
                const sorted = sorting?.by === c.id ? (sorting.desc ? 'desc' : 'asc') : false;
                return (
                  <th
                    key={c.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    className={`${pad} font-medium whitespace-nowrap ${ALIGN[c.align ?? 'left']}`}
                  >
                    {c.sortable ? (
                      <button type="button" onClick={() => onSort(c.id)} className={`inline-flex items-center gap-1 hover:text-slate-900 ${compact ? '' : 'uppercase'}`}>
                        {c.header}
                        <span aria-hidden="true">{sorted === 'asc' ? '↑' : sorted === 'desc' ? '↓' : ''}</span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)} className="border-t border-slate-100 align-top hover:bg-slate-50/60" data-testid={typeof rowTestId === 'function' ? rowTestId(row) : rowTestId}>
                {/* Cells are called, not mounted as components: a component made anew on each render would be a new
                    type to React, and whatever state its cell held (an open confirmation dialog showing why a delete
                    failed) would be thrown away. */}
                {columns.map((c) => (
                  <td key={c.id} className={`${pad} ${ALIGN[c.align ?? 'left']} ${c.className ?? ''}`}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {paging && <Pager page={paging.page} pages={paging.pages} go={paging.go} />}
    </>
  );
}
