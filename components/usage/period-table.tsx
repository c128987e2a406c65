'use client';

import type { UsageSeries } from '@/lib/usage/contract';
import { DataTable, type Column } from '../ui/data-table';
import { formatMeasure, MEASURES } from './format';

type Period = UsageSeries['series'][number];

const periodColumns = (group: 'day' | 'month'): Column<Period>[] => [
  { id: 'period', header: group === 'day' ? 'Day' : 'Month', cell: (s) => s.period },
  ...MEASURES.map(
    (x): Column<Period> => ({
      id: x.key,
      header: x.label,
      align: 'right',
      className: 'tabular-nums whitespace-nowrap',
      cell: (s) => <span title={x.exact(s)}>{formatMeasure(x, s)}</span>,
    }),
  ),
];

/** Each day's (or month's) figures, exact on hover. */
export function PeriodTable({ group, series }: { group: 'day' | 'month'; series: Period[] }) {
  return <DataTable compact columns={periodColumns(group)} rows={series} rowKey={(s) => s.period} rowTestId="usage-period" empty={{ title: 'No periods in this range.' }} />;
}
