'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useId, useState } from 'react';
import { rangeOf, usageQueries, usageView, type UsageScope } from '@/data/usage/queries';
import { formatWhen } from '@/lib/format';
import type { Figures, UsageSeries } from '@/lib/usage/contract';
import { DataTable, type Column } from '../ui/data-table';
import { Dialog, DialogClose } from '../ui/dialog';
import { CONTROL } from '../ui/field';
import { ErrorState, StaleNotice, TableSkeleton } from '../ui/states';
import { useUrlState } from '../ui/use-url-state';
import { formatAmount, formatCount, MEASURES, measure } from './format';
import { UsageChart } from './usage-chart';

type Period = UsageSeries['series'][number];
type Top = NonNullable<UsageSeries['top']>;

const periodColumns = (group: 'day' | 'month'): Column<Period>[] => [
  { id: 'period', header: group === 'day' ? 'Day' : 'Month', cell: (s) => s.period },
  ...MEASURES.map(
    (x): Column<Period> => ({
      id: x.key,
      header: `${x.label} (${x.unit})`,
      align: 'right',
      className: 'tabular-nums',
      cell: (s) => <span title={x.exact(s)}>{x.key === 'requests' ? formatCount(x.value(s)) : formatAmount(x.value(s))}</span>,
    }),
  ),
];

function Totals({ totals }: { totals: Figures }) {
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="usage-totals">
      {MEASURES.map((m) => (
        <div key={m.key} className="rounded-lg border border-slate-200 bg-white p-3" title={m.exact(totals)}>
          <dt className="text-xs text-slate-500">
            {m.label} ({m.unit})
          </dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums" data-testid={`total-${m.key}`}>
            {m.key === 'requests' ? formatCount(m.value(totals)) : formatAmount(m.value(totals))}
          </dd>
          {m.key === 'requests' && <dd className="text-xs text-slate-500">{m.exact(totals)}</dd>}
        </div>
      ))}
    </dl>
  );
}

function TraceList({ title, empty, rows }: { title: string; empty: string; rows: { key: string; text: string }[] }) {
  return (
    <section>
      <h3 className="font-medium">
        {title} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p className="text-slate-500">{empty}</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {rows.map((r) => (
            <li key={r.key} className="font-mono text-xs break-all">
              {r.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TraceDialog({ day, scope, onClose }: { day: string | null; scope: UsageScope; onClose: () => void }) {
  const trace = useQuery({ ...usageQueries.trace(day ?? '', scope), enabled: day !== null });
  return (
    <Dialog open={day !== null} onClose={onClose} title={`What ${day ?? ''} is made of`}>
      {trace.isPending ? (
        <TableSkeleton rows={3} />
      ) : trace.isError ? (
        <ErrorState error={trace.error} retry={() => trace.refetch()} />
      ) : (
        <div className="max-h-[60vh] space-y-4 overflow-auto text-sm" data-testid="usage-trace">
          <TraceList
            title="Statistics objects"
            empty="No traffic was collected for this day."
            rows={trace.data.objects.map((o) => ({
              key: o.name,
              text: `${o.name} — ${o.items} items, ${formatCount(o.requests)} requests, ${formatCount(o.uploaded)} B up, ${formatCount(o.downloaded)} B down`,
            }))}
          />
          <TraceList
            title="Storage rounds"
            empty="No storage round covers this day yet."
            rows={trace.data.rounds.map((r) => ({
              key: String(r.id),
              text: `${formatWhen(r.at)}: ${formatCount(r.bytes)} bytes in ${r.buckets} bucket${r.buckets === 1 ? '' : 's'}, held ${r.secondsInDay} s of this day = ${formatCount(r.byteSeconds)} byte-seconds`,
            }))}
          />
        </div>
      )}
      <DialogClose onClose={onClose} />
    </Dialog>
  );
}

function TopUsers({ top }: { top: Top }) {
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="usage-top">
      {MEASURES.map((m) => (
        <section key={m.key} className="rounded-lg border border-slate-200 bg-white p-3">
          <h3 className="mb-2 text-sm font-medium">
            Top users by {m.label.toLowerCase()} ({m.unit})
          </h3>
          {top[m.key].length === 0 ? (
            <p className="text-sm text-slate-500">No usage in this period.</p>
          ) : (
            <ol className="space-y-1 text-sm">
              {top[m.key].map((r) => (
                <li key={r.userId} className="flex justify-between gap-2">
                  {r.email ? (
                    <Link href={`/users/${r.userId}`} title={r.userId} className="truncate text-brand-700 hover:underline">
                      {r.email}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs text-slate-600" title="Not on the gateway now: deleted since, or the gateway could not be asked.">
                      {r.userId}
                    </span>
                  )}
                  <span className="tabular-nums" title={m.exact(r.figures)}>
                    {m.key === 'requests' ? formatCount(m.value(r.figures)) : formatAmount(m.value(r.figures))}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}

/**
 * Usage for a month (by day) or a year (by month): totals, a chart of one measure, the periods as
 * a table, when the figures were last brought up to date, the invoice export and, for staff, what
 * each day is made of.
 */
export function UsagePanel({ scope, title = 'Usage', showTop = false }: { scope: UsageScope; title?: string; showTop?: boolean }) {
  const url = useUrlState({ month: '', view: 'month', measure: 'storage' });
  const { month, view } = usageView(useSearchParams());
  const range = rangeOf(month, view);
  const usage = useQuery(usageQueries.series(scope, range));
  const [traced, setTraced] = useState<string | null>(null);
  const m = measure(url.get('measure'));
  const titleId = useId();
  const exportHref = (format: 'csv' | 'json') => `${scope.exportPath}${scope.exportPath?.includes('?') ? '&' : '?'}month=${month}&format=${format}`;
  return (
    <section className="space-y-4" aria-labelledby={titleId}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-xs text-slate-500" data-testid="usage-updated">
            Traffic collected {formatWhen(usage.data?.updated.collectedAt ?? null)} · storage sampled {formatWhen(usage.data?.updated.sampledAt ?? null)} · GB = 10^9 bytes; GB-month = 10^9
            bytes kept a whole month; days in UTC
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label className="flex items-center gap-1">
            Month
            <input type="month" value={month} onChange={(e) => e.target.value && url.set({ month: e.target.value })} className={`${CONTROL}`} />
          </label>
          <select aria-label="Period" value={view} onChange={(e) => url.set({ view: e.target.value })} className={`${CONTROL}`}>
            <option value="month">That month, by day</option>
            <option value="year">Twelve months, by month</option>
          </select>
          <select aria-label="Measure" value={m.key} onChange={(e) => url.set({ measure: e.target.value })} className={`${CONTROL}`}>
            {MEASURES.map((x) => (
              <option key={x.key} value={x.key}>
                {x.label} ({x.unit})
              </option>
            ))}
          </select>
          {scope.exportPath && (
            <>
              <a href={exportHref('csv')} download className="rounded-md border border-slate-300 bg-white px-3 py-1 font-medium hover:bg-slate-50" data-testid="usage-csv">
                Download CSV ({month})
              </a>
              <a href={exportHref('json')} className="text-brand-700 hover:underline" target="_blank" rel="noreferrer">
                JSON
              </a>
            </>
          )}
        </div>
      </div>
      <StaleNotice query={usage} />
      {usage.isPending ? (
        <TableSkeleton rows={4} columns={4} />
      ) : usage.isError && !usage.data ? (
        <ErrorState error={usage.error} retry={() => usage.refetch()} />
      ) : (
        <>
          <Totals totals={usage.data.totals} />
          <UsageChart series={usage.data.series} measureKey={m.key} onPick={scope.traceable && range.group === 'day' ? setTraced : undefined} />
          {scope.traceable && range.group === 'day' && <p className="text-xs text-slate-500">Choose a day’s bar to see the statistics objects and storage samples behind it.</p>}
          {showTop && usage.data.top && <TopUsers top={usage.data.top} />}
          <details className="rounded-lg border border-slate-200 bg-white p-2">
            <summary className="cursor-pointer px-1 py-1 text-sm font-medium">Figures per {range.group}</summary>
            <DataTable compact columns={periodColumns(range.group)} rows={usage.data.series} rowKey={(s) => s.period} rowTestId="usage-period" empty={{ title: 'No periods in this range.' }} />
          </details>
        </>
      )}
      {scope.traceable && <TraceDialog day={traced} scope={scope} onClose={() => setTraced(null)} />}
    </section>
  );
}
