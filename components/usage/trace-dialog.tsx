'use client';

import { useQuery } from '@/data/cache/hooks';
import { usageQueries, type UsageScope } from '@/data/usage/queries';
import { formatWhen } from '@/lib/format';
import { Dialog, DialogClose } from '../ui/dialog';
import { ErrorState, TableSkeleton } from '../ui/states';
import { formatCount } from './format';

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
            <li key={r.key} className="text-xs break-all">
              {r.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The gateway's usage reports and the storage rounds behind one day's figures. */
export function TraceDialog({ day, scope, onClose }: { day: string | null; scope: UsageScope; onClose: () => void }) {
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
            title="Usage reports from the gateway"
            empty="No traffic was collected for this day."
            rows={trace.data.objects.map((o) => ({
              key: o.name,
              text: `${o.name}: ${o.items} lines, ${formatCount(o.requests)} requests, ${formatCount(o.uploaded)} bytes up, ${formatCount(o.downloaded)} bytes down`,
            }))}
          />
          <TraceList
            title="Storage rounds"
            empty="No storage round covers this day yet."
            rows={trace.data.rounds.map((r) => ({
              key: String(r.id),
              text: `${formatWhen(r.at)}: ${formatCount(r.bytes)} bytes in ${r.buckets} bucket${r.buckets === 1 ? '' : 's'}, kept ${r.secondsInDay} s of this day (${formatCount(r.byteSeconds)} byte-seconds)`,
            }))}
          />
        </div>
      )}
      <DialogClose onClose={onClose} />
    </Dialog>
  );
}

