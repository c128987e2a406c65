'use client';

import { useQuery } from '@/data/cache/hooks';
import { Link } from '../ui/link';
import { useState } from 'react';
import { useDeleteStatisticsObject, useRetryStatisticsObject } from '@/data/usage/mutations';
import { usageQueries } from '@/data/usage/queries';
import { formatMoment, formatWhen } from '@/lib/format';
import type { WaitingObjectView } from '@/lib/usage/contract';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { DataTable, type Column } from '../ui/data-table';
import { Dialog, DialogClose } from '../ui/dialog';
import { ErrorState, PageHeader, StaleNotice, TableSkeleton } from '../ui/states';
import { formatCount } from './format';

const STATE: Record<WaitingObjectView['state'], { label: string; style: string; title: string }> = {
  new: { label: 'waiting to be collected', style: 'bg-sky-50 text-sky-800', title: 'The next collection reads it.' },
  growing: { label: 'still being written', style: 'bg-slate-100 text-slate-700', title: 'Younger than one period: the gateway may still add to it, so it is read later.' },
  collected: { label: 'collected; to be removed', style: 'bg-emerald-50 text-emerald-800', title: 'Its figures are in the ledger; the next collection removes it from the gateway.' },
  failing: { label: 'could not be read; tried again', style: 'bg-amber-50 text-amber-800', title: 'A read went wrong; every collection tries again.' },
  quarantined: { label: 'set aside', style: 'bg-red-50 text-red-800', title: 'The same complete content failed to read twice (quarantined): retry or delete it.' },
  'unknown-name': { label: 'not a usage report', style: 'bg-amber-50 text-amber-800', title: 'Its name is not one the gateway gives statistics objects.' },
};

type Item = Record<string, string>;

const COUNTED: [string, string][] = [
  ['put', 'PUT'],
  ['get', 'GET'],
  ['list', 'LIST'],
  ['other', 'Other'],
  ['uploaded', 'Bytes up'],
  ['downloaded', 'Bytes down'],
];
const itemColumns = (emails: Record<string, string>): Column<Item>[] => [
  {
    id: 'user',
    header: 'User',
    cell: (item) =>
      emails[item.userId] ? (
        <Link href={`/users/${item.userId}`} title={item.userId} className="text-brand-700 hover:underline">
          {emails[item.userId]}
        </Link>
      ) : (
        <span className="font-mono text-xs" title="Not on the gateway now">
          {item.userId}
        </span>
      ),
  },
  { id: 'bucket', header: 'Bucket', cell: (item) => item.bucket, className: 'font-mono text-xs' },
  { id: 'epoch', header: <span title="The bucket’s epoch: tells it from earlier buckets of the same name">Epoch</span>, cell: (item) => item.epoch, className: 'text-xs' },
  { id: 'tag', header: 'Tag', cell: (item) => item.tag, className: 'text-xs' },
  ...COUNTED.map(
    ([c, header]): Column<Item> => ({ id: c, header, align: 'right', className: 'tabular-nums whitespace-nowrap', cell: (item) => (/^\d+$/.test(item[c] ?? '') ? formatCount(item[c]) : item[c]) }),
  ),
];

function OpenObject({ name, onClose }: { name: string | null; onClose: () => void }) {
  const object = useQuery({ ...usageQueries.object(name ?? ''), enabled: name !== null });
  return (
    <Dialog open={name !== null} onClose={onClose} title="Statistics object" wide>
      <p className="mb-3 font-mono text-xs break-all">{name}</p>
      {object.isPending ? (
        <TableSkeleton rows={3} />
      ) : object.isError ? (
        <ErrorState error={object.error} retry={() => object.refetch()} />
      ) : object.data.ok ? (
        <div className="max-h-[60vh] overflow-auto" data-testid="statistics-items">
          <p className="mb-2 text-sm text-slate-600">
            {object.data.itemCount} items; period {object.data.period} s from {formatMoment(object.data.startTs * 1000)}. Bytes and requests are exact counts.
          </p>
          <DataTable compact columns={itemColumns(object.data.emails)} rows={object.data.items} rowKey={(item) => JSON.stringify(item)} empty={{ title: 'This object holds no items.' }} />
          {object.data.itemCount > object.data.items.length && <p className="mt-2 text-xs text-slate-500">The first {object.data.items.length} items are shown.</p>}
        </div>
      ) : (
        <div className="text-sm">
          <p className="text-red-700">This object cannot be read as statistics: {object.data.reason}.</p>
          <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{object.data.raw}</pre>
        </div>
      )}
      <DialogClose onClose={onClose} />
    </Dialog>
  );
}

function Actions({ o, open }: { o: WaitingObjectView; open: (name: string) => void }) {
  const write = usePermission('usage.write');
  const remove = useDeleteStatisticsObject();
  const retry = useRetryStatisticsObject();
  return (
    <div className="flex flex-wrap gap-2">
      <Button onClick={() => open(o.name)}>Open</Button>
      {o.state === 'quarantined' && o.serviceId !== null && (
        <Button disabled={!write.allowed || retry.isPending} onClick={() => retry.mutate(o)}>
          Retry collection
        </Button>
      )}
      <ConfirmButton
        label="Delete"
        title={o.state === 'collected' ? 'Delete this collected object?' : 'Delete an object that was never collected?'}
        confirmLabel={o.state === 'collected' ? 'Delete' : 'Delete without collecting'}
        disabled={!write.allowed}
        busy={remove.isPending}
        onConfirm={() => remove.mutate(o)}
      >
        {o.state === 'collected' ? (
          <p>Its items are in the ledger already; deleting it on the gateway loses nothing.</p>
        ) : (
          <p className="font-medium text-red-800">This object was never collected. Its usage will never be billed: deleting it loses that usage for good.</p>
        )}
        <p className="mt-2 font-mono text-xs break-all">{o.name}</p>
      </ConfirmButton>
    </div>
  );
}

/** The statistics objects still on the gateway, each one opened, retried or deleted by hand. */
export function StatisticsPage() {
  const write = usePermission('usage.write');
  const [opened, setOpened] = useState<string | null>(null);
  const list = useQuery(usageQueries.statistics());
  const columns: Column<WaitingObjectView>[] = [
    { id: 'name', header: 'Object', cell: (o) => o.name, className: 'font-mono text-xs break-all' },
    { id: 'start', header: 'Start', cell: (o) => <span className="whitespace-nowrap">{o.start ? formatWhen(o.start) : '—'}</span> },
    { id: 'period', header: 'Period', cell: (o) => (o.periodSeconds === null ? '—' : `${o.periodSeconds} s`) },
    {
      id: 'state',
      header: 'State',
      cell: (o) => (
        <>
          <span className={`rounded px-1.5 py-0.5 text-xs whitespace-nowrap ${STATE[o.state].style}`} title={STATE[o.state].title}>
            {STATE[o.state].label}
          </span>
          {o.note && <span className="mt-1 block text-xs text-slate-600">{o.note}</span>}
          {o.attempts > 0 && <span className="mt-1 block text-xs text-slate-600">{o.attempts === 1 ? '1 failed read' : `${o.attempts} failed reads`}</span>}
        </>
      ),
    },
    { id: 'actions', header: <span className="sr-only">Actions</span>, cell: (o) => <Actions o={o} open={setOpened} /> },
  ];
  return (
    <>
      <PageHeader title="Statistics objects">
        <Link href="/usage" className="text-sm text-brand-700 hover:underline">
          ← Usage
        </Link>
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        The gateway writes its usage reports into statistics objects. Each collection reads them, adds their figures to the ledger and only then removes them from the gateway.
        An object the gateway may still be writing waits for a later collection. A read that goes wrong is tried again every time; only an object whose complete content fails to
        read twice is set aside — kept on the gateway until you retry or delete it.
      </p>
      <StaleNotice query={list} />
      {list.data && list.data.objects.length > 0 && (
        <p className="mb-2 text-sm text-slate-600" data-testid="statistics-count">
          {list.data.total} waiting{list.data.total > list.data.objects.length ? `; the first ${list.data.objects.length} are shown` : ''}.
        </p>
      )}
      <DataTable
        columns={columns}
        rows={list.data?.objects}
        rowKey={(o) => o.name}
        rowTestId="statistics-row"
        state={{ isPending: list.isPending, error: list.error, retry: () => list.refetch() }}
        empty={{ title: 'No statistics objects are waiting on the gateway.', hint: 'Everything the gateway wrote has been collected.' }}
      />
      <OpenObject name={opened} onClose={() => setOpened(null)} />
    </>
  );
}
