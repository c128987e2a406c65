'use client';

import { getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
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
  const [localSort, setLocalSort] = useState<SortingState>([]);
  const defs = useMemo<ColumnDef<T>[]>(
    () =>
      columns.map((c) => ({
        id: c.id,
        accessorFn: (row: T) => (c.sortValue ? c.sortValue(row) : ''),
        enableSorting: Boolean(c.sortable),
        sortingFn: (a, b) => {
          const x = c.sortValue?.(a.original) ?? '';
          const y = c.sortValue?.(b.original) ?? '';
          return x < y ? -1 : x > y ? 1 : 0;
        },
      })),
    [columns],
  );
  // Cells are rendered by calling the column's own function, not as components: a component
  // made anew on each render would be a new type to React, and whatever state its cell held (an
  // open confirmation dialog showing why a delete failed) would be thrown away.
  const byId = new Map(columns.map((c) => [c.id, c]));
  const serverSorting: SortingState = sort ? [{ id: sort.by, desc: sort.order === 'desc' }] : [];
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Table keeps its own state: the compiler leaves this component unmemoized, as it should.
  const table = useReactTable({
    data: rows ?? [],
    columns: defs,
    getRowId: rowKey,
    getCoreRowModel: getCoreRowModel(),
    ...(sort ? { manualSorting: true } : { getSortedRowModel: getSortedRowModel() }),
    state: { sorting: sort ? serverSorting : localSort },
    onSortingChange: sort ? () => undefined : setLocalSort,
  });

  if (state?.isPending) return <TableSkeleton columns={Math.min(columns.length, 5)} />;
  if (state?.error && rows === undefined) return <ErrorState error={state.error} retry={state.retry} />;
  if (!rows || rows.length === 0) return <EmptyState title={empty.title}>{empty.hint}</EmptyState>;

  const column = (id: string) => columns.find((c) => c.id === id)!;
  const pad = compact ? 'px-2 py-1.5' : 'px-4 py-2';
  return (
    <>
      {/* `relative`: screen-reader-only text in a cell is positioned absolutely, and must scroll with the table, not widen the page. */}
      <div className={compact ? 'relative overflow-x-auto' : 'relative overflow-x-auto rounded-lg border border-slate-200 bg-white'}>
        <table className="w-full text-sm">
          {caption && <caption className="mb-1 text-left font-medium">{caption}</caption>}
          <thead className={compact ? 'text-left text-xs text-slate-500' : 'bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase'}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const c = column(header.column.id);
                  const sorted = header.column.getIsSorted();
                  const label = byId.get(header.column.id)?.header;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                      className={`${pad} font-medium whitespace-nowrap ${ALIGN[c.align ?? 'left']}`}
                    >
                      {c.sortable ? (
                        <button
                          type="button"
                          onClick={() => (sort ? sort.onSort(c.id) : header.column.toggleSorting(sorted === 'asc'))}
                          className={`inline-flex items-center gap-1 hover:text-slate-900 ${compact ? '' : 'uppercase'}`}
                        >
                          {label}
                          <span aria-hidden="true">{sorted === 'asc' ? '↑' : sorted === 'desc' ? '↓' : ''}</span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top hover:bg-slate-50/60" data-testid={typeof rowTestId === 'function' ? rowTestId(row.original) : rowTestId}>
                {row.getVisibleCells().map((cell) => {
                  const c = column(cell.column.id);
                  return (
                    <td key={cell.id} className={`${pad} ${ALIGN[c.align ?? 'left']} ${c.className ?? ''}`}>
                      {byId.get(cell.column.id)?.cell(cell.row.original)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {paging && <Pager page={paging.page} pages={paging.pages} go={paging.go} />}
    </>
  );
}
