'use client';

import { useQuery } from '@/data/cache/hooks';
import { useSearchParams } from 'next/navigation';
import { lazy, useId, useState, type ComponentType } from 'react';
import { billingRunHref, rangeOf, usageQueries, usageView, type UsageScope } from '@/data/usage/queries';
import { formatDay, formatWhen } from '@/lib/format';
import type { Figures, UsageSeries } from '@/lib/usage/contract';
import { CONTROL } from '../ui/field';
import { ErrorState, StaleNotice, TableSkeleton } from '../ui/states';
import { LoadedOnFirstUse } from '../ui/loaded-on-first-use';
import { useUrlState } from '../ui/use-url-state';
import { defaultMeasure, formatMeasure, MEASURES, type Measure } from './format';
import { UsageChart } from './usage-chart';

/** What a day is made of: staff open it from a bar of the chart; loaded then, not with the page. */
const TraceDialog = lazy(() => import('./trace-dialog').then((m) => ({ default: m.TraceDialog })));
/** The figures of every period as a table, folded away until opened: loaded then. */
const PeriodTable = lazy(() => import('./period-table').then((m) => ({ default: m.PeriodTable })));

/** The period's top users, as the usage page shows them under the chart (see top-users.tsx). */
export type TopFigures = NonNullable<UsageSeries['top']>;
type Updated = UsageSeries['updated'];

function Totals({ totals }: { totals: Figures }) {
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="usage-totals">
      {MEASURES.map((m) => (
        <div key={m.key} className="rounded-lg border border-slate-200 bg-white p-3" title={m.exact(totals)}>
          <dt className="text-xs text-slate-500">{m.label}</dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums" data-testid={`total-${m.key}`}>
            {formatMeasure(m, totals)}
          </dd>
          {m.key === 'requests' && <dd className="text-xs text-slate-500">{m.exact(totals)}</dd>}
        </div>
      ))}
    </dl>
  );
}

/** Why a chart has no bars, in words: nothing was measured yet, or nothing happened. */
function emptyReason(m: Measure, updated: Updated, range: { to: string }): string {
  if (m.key === 'storage') {
    if (!updated.firstSampledAt) return 'Storage is measured from the first storage round, and none has been taken yet.';
    if (range.to <= updated.firstSampledAt.slice(0, 10)) return `Storage is measured from the first storage round on ${formatDay(updated.firstSampledAt)}: this period ends before it.`;
    return 'Nothing was stored in this period.';
  }
  if (!updated.collectedAt) return 'No traffic has been collected yet: the gateway’s usage statistics are read every few minutes.';
  return `No ${m.key === 'requests' ? 'requests' : `data ${m.key}`} in this period (traffic collected up to ${formatWhen(updated.collectedAt)}).`;
}

const LINK = 'rounded-md border border-slate-300 bg-white px-3 py-1 font-medium hover:bg-slate-50';

/**
 * Usage for a month (by day) or a year (by month): totals, a chart of one measure, the periods as
 * a table, when the figures were last brought up to date, the exports and, for staff, what each
 * day is made of.
 */
export function UsagePanel({ scope, title = 'Usage', Top }: { scope: UsageScope; title?: string; Top?: ComponentType<{ top: TopFigures }> }) {
  const url = useUrlState({ month: '', view: 'month', measure: '' });
  const { month, view } = usageView(useSearchParams());
  const range = rangeOf(month, view);
  const usage = useQuery(usageQueries.series(scope, range));
  const [traced, setTraced] = useState<string | null>(null);
  const [periodsOpen, setPeriodsOpen] = useState(false);
  const m = defaultMeasure(url.get('measure'), usage.data?.totals);
  const titleId = useId();
  const exportHref = (format: 'csv' | 'json') => `${scope.exportPath}${scope.exportPath?.includes('?') ? '&' : '?'}month=${month}&format=${format}`;
  const updated = usage.data?.updated;
  return (
    <section className="space-y-4" aria-labelledby={titleId}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-xs text-slate-500" data-testid="usage-updated">
            Up to date with the gateway’s traffic as of {formatWhen(updated?.collectedAt ?? null)} and its storage as of {formatWhen(updated?.sampledAt ?? null)}.{' '}
            <span title="GB = 10^9 bytes; a GB-month is 10^9 bytes kept for a whole calendar month; days are UTC days.">Units are decimal (1 GB = 10^9 bytes).</span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label className="flex items-center gap-1">
            Month
            <input type="month" value={month} onChange={(e) => e.target.value && url.set({ month: e.target.value })} className={CONTROL} />
          </label>
          <select aria-label="Period" value={view} onChange={(e) => url.set({ view: e.target.value })} className={CONTROL}>
            <option value="month">That month, by day</option>
            <option value="year">Twelve months, by month</option>
          </select>
          <select aria-label="Measure" value={m.key} onChange={(e) => url.set({ measure: e.target.value })} className={CONTROL}>
            {MEASURES.map((x) => (
              <option key={x.key} value={x.key}>
                {x.label}
              </option>
            ))}
          </select>
          {scope.exportPath && (
            <>
              <a href={exportHref('csv')} download className={LINK} data-testid="usage-csv">
                Download CSV ({month})
              </a>
              <a href={exportHref('json')} className="text-brand-700 hover:underline" target="_blank" rel="noreferrer">
                JSON
              </a>
            </>
          )}
          {scope.billingRun && (
            <>
              <a href={billingRunHref(month, 'user', 'csv')} download className={LINK} data-testid="billing-csv">
                All users’ {month} (CSV)
              </a>
              <a href={billingRunHref(month, 'bucket', 'csv')} download className="text-brand-700 hover:underline" data-testid="billing-csv-buckets">
                per bucket
              </a>
              <a href={billingRunHref(month, 'user', 'json')} className="text-brand-700 hover:underline" target="_blank" rel="noreferrer">
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
          <UsageChart series={usage.data.series} measure={m} onPick={scope.traceable && range.group === 'day' ? setTraced : undefined} empty={emptyReason(m, usage.data.updated, range)} />
          {scope.traceable && range.group === 'day' && <p className="text-xs text-slate-500">Choose a day’s bar to see the gateway’s usage reports and the storage rounds behind it.</p>}
          {Top && usage.data.top && <Top top={usage.data.top} />}
          <details className="rounded-lg border border-slate-200 bg-white p-2" onToggle={(e) => setPeriodsOpen(e.currentTarget.open)}>
            <summary className="cursor-pointer px-1 py-1 text-sm font-medium">Figures per {range.group}</summary>
            <LoadedOnFirstUse asked={periodsOpen} fallback={<TableSkeleton rows={3} columns={4} />}>
              <PeriodTable group={range.group} series={usage.data.series} />
            </LoadedOnFirstUse>
          </details>
        </>
      )}
      {scope.traceable && (
        <LoadedOnFirstUse asked={traced !== null}>
          <TraceDialog day={traced} scope={scope} onClose={() => setTraced(null)} />
        </LoadedOnFirstUse>
      )}
    </section>
  );
}
