'use client';

import { Link } from '../ui/link';
import { formatMeasure, MEASURES } from './format';
import type { TopFigures } from './usage-panel';

/**
 * The users who used the most of each measure in the period, shown by the usage page under its
 * chart: a module of its own, so that the usage panels of other pages do not carry it.
 */
export function TopUsers({ top }: { top: TopFigures }) {
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="usage-top">
      {MEASURES.map((m) => (
        <section key={m.key} className="rounded-lg border border-slate-200 bg-white p-3">
          <h3 className="mb-2 text-sm font-medium">Top users by {m.label.toLowerCase()}</h3>
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
                  <span className="whitespace-nowrap tabular-nums" title={m.exact(r.figures)}>
                    {formatMeasure(m, r.figures)}
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
