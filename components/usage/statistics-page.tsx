'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { api, ApiClientError } from '@/lib/client/api';
import type { WaitingObject, WaitingState } from '@/lib/usage/statistics';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { Dialog, DialogClose } from '../ui/dialog';
import { EmptyState, ErrorState, PageHeader, TableSkeleton } from '../ui/states';
import { TableHead } from '../ui/table-head';
import { useToast } from '../ui/toast';
import { formatCount } from './format';

const STATE: Record<WaitingState, { label: string; style: string }> = {
  new: { label: 'waiting to be collected', style: 'bg-sky-50 text-sky-800' },
  growing: { label: 'may still grow', style: 'bg-slate-100 text-slate-700' },
  collected: { label: 'collected; deletion pending', style: 'bg-emerald-50 text-emerald-800' },
  failing: { label: 'could not be read; tried again next run', style: 'bg-amber-50 text-amber-800' },
  quarantined: { label: 'quarantined', style: 'bg-red-50 text-red-800' },
  'unknown-name': { label: 'not a statistics object name', style: 'bg-amber-50 text-amber-800' },
};

type Opened =
  | { name: string; ok: true; itemCount: number; startTs: number; period: number; items: Record<string, string>[]; ledger: unknown }
  | { name: string; ok: false; reason: string; raw: string; rawBytes: number; ledger: unknown };

const ITEM_COLUMNS = ['userId', 'bucket', 'epoch', 'tag', 'put', 'get', 'list', 'other', 'uploaded', 'downloaded'] as const;

function OpenObject({ name, onClose }: { name: string | null; onClose: () => void }) {
  const object = useQuery({ queryKey: ['statistics-object', name], queryFn: () => api<Opened>(`/api/usage/statistics/${encodeURIComponent(name!)}`), enabled: name !== null });
  return (
    <Dialog open={name !== null} onClose={onClose} title="Statistics object">
      <p className="mb-3 font-mono text-xs break-all">{name}</p>
      {object.isPending ? (
        <TableSkeleton rows={3} />
      ) : object.isError ? (
        <ErrorState error={object.error} retry={() => object.refetch()} />
      ) : object.data.ok ? (
        <div className="max-h-[60vh] overflow-auto" data-testid="statistics-items">
          <p className="mb-2 text-sm text-slate-600">
            {object.data.itemCount} items; period {object.data.period} s from {new Date(object.data.startTs * 1000).toISOString().replace('T', ' ').slice(0, 19)} UTC. Bytes and requests are exact
            counts.
          </p>
          <table className="w-full text-xs">
            <thead className="bg-slate-50 text-left text-slate-500">
              <tr>
                {ITEM_COLUMNS.map((c) => (
                  <th key={c} className="px-2 py-1 font-medium">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {object.data.items.map((item, i) => (
                <tr key={i} className="border-t border-slate-100">
                  {ITEM_COLUMNS.map((c) => (
                    <td key={c} className={`px-2 py-1 ${/^\d+$/.test(item[c]) && c !== 'epoch' ? 'text-right tabular-nums' : 'font-mono'}`}>
                      {/^\d+$/.test(item[c]) && c !== 'epoch' ? formatCount(item[c]) : item[c]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
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

/** The guide's statistics panels: objects still on the gateway, each one opened or deleted by hand. */
export function StatisticsPage() {
  const write = usePermission('usage.write');
  const client = useQueryClient();
  const toast = useToast();
  const [opened, setOpened] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['statistics'], queryFn: () => api<{ objects: WaitingObject[]; total: number }>('/api/usage/statistics') });
  const remove = useMutation({
    mutationFn: (o: WaitingObject) => api(`/api/usage/statistics/${encodeURIComponent(o.name)}${o.state === 'collected' ? '' : '?uncollected=1'}`, { method: 'DELETE' }),
    onSuccess: (_, o) => {
      toast('success', `Deleted ${o.name} on the gateway.`);
      void client.invalidateQueries({ queryKey: ['statistics'] });
    },
    onError: (error) => toast('error', error instanceof ApiClientError ? error.message : 'The object could not be deleted.'),
  });
  const retry = useMutation({
    mutationFn: (o: WaitingObject) => api(`/api/usage/statistics/${encodeURIComponent(o.name)}/retry`, { method: 'POST' }),
    onSuccess: (_, o) => {
      toast('success', `${o.name} will be read again by the next collection.`);
      void client.invalidateQueries({ queryKey: ['statistics'] });
    },
    onError: (error) => toast('error', error instanceof ApiClientError ? error.message : 'The object could not be retried.'),
  });
  return (
    <>
      <PageHeader title="Statistics objects">
        <Link href="/usage" className="text-sm text-brand-700 hover:underline">
          ← Usage
        </Link>
      </PageHeader>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        The gateway writes usage into statistics objects; the collector stores each one and only then deletes it here. Objects younger than one period may still grow and wait for a
        later run. A read that goes wrong is tried again on every run; only an object whose complete body fails to parse on two runs is quarantined — kept on the
        gateway until you retry or delete it.
      </p>
      {list.isPending ? (
        <TableSkeleton columns={5} />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : list.data.objects.length === 0 ? (
        <EmptyState title="No statistics objects are waiting on the gateway.">Everything the gateway wrote has been collected.</EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" data-testid="statistics-count">
            {list.data.total} waiting{list.data.total > list.data.objects.length ? `; the first ${list.data.objects.length} are shown` : ''}.
          </p>
          <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
            <TableHead columns={['Object', 'Start (UTC)', 'Period', 'State', '']} />
            <tbody>
              {list.data.objects.map((o) => (
                <tr key={o.name} className="border-t border-slate-100 align-top" data-testid="statistics-row">
                  <td className="px-3 py-2 font-mono text-xs break-all">{o.name}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{o.start ? o.start.replace('T', ' ').slice(0, 19) : '—'}</td>
                  <td className="px-3 py-2">{o.periodSeconds === null ? '—' : `${o.periodSeconds} s`}</td>
                  <td className="px-3 py-2">
                    <span className={`rounded px-1.5 py-0.5 text-xs ${STATE[o.state].style}`}>{STATE[o.state].label}</span>
                    {o.note && <div className="mt-1 text-xs text-slate-600">{o.note}</div>}
                    {o.attempts > 0 && <div className="mt-1 text-xs text-slate-600">{o.attempts === 1 ? '1 failed read' : `${o.attempts} failed reads`}</div>}
                  </td>
                  <td className="px-3 py-2">
                    <div className="flex gap-2">
                      <Button onClick={() => setOpened(o.name)}>Open</Button>
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
                          <p className="font-medium text-red-800">
                            This object was never collected. Its usage will never be billed: deleting it loses that usage for good.
                          </p>
                        )}
                        <p className="mt-2 font-mono text-xs break-all">{o.name}</p>
                      </ConfirmButton>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Forbidden why={write.why} />
        </>
      )}
      <OpenObject name={opened} onClose={() => setOpened(null)} />
    </>
  );
}
