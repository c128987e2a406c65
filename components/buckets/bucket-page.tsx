'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { api, ApiClientError } from '@/lib/client/api';
import type { LimitsInput } from '@/lib/limits/schema';
import { usePermission } from '../current-user';
import { LimitsPanel } from '../limits/limits-panel';
import { QuotaPanel, type QuotaView } from '../limits/quota-panel';
import { Button, Forbidden } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { ErrorState, TableSkeleton, StaleNotice } from '../ui/states';
import { useToast } from '../ui/toast';
import { UsagePanel } from '../usage/usage-panel';
import { formatBytes } from '../users/format';

interface BucketDetail {
  name: string;
  epoch: number;
  createdAt: string;
  owner: { id: string; email: string | null };
  size: { current: string; hmax: string; hIntegral: string; lastTs: number };
  limits: LimitsInput;
  quota: QuotaView;
}

function DeleteBucket({ name }: { name: string }) {
  const write = usePermission('buckets.write');
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useMutation({
    mutationFn: () => api(`/api/buckets/${name}`, { method: 'DELETE', body: { confirm: typed } }),
    onSuccess: () => {
      toast('success', `Bucket ${name} deleted.`);
      router.push('/buckets');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    remove.mutate();
  };
  return (
    <div className="flex items-center gap-3">
      <Button variant="danger" disabled={!write.allowed} onClick={() => setOpen(true)}>
        Delete bucket
      </Button>
      <Forbidden why={write.why} />
      <Dialog open={open} onClose={() => (setOpen(false), remove.reset(), setTyped(''))} title={`Delete the bucket ${name}?`}>
        <form onSubmit={submit}>
          <p className="text-sm text-slate-700">The gateway deletes only an empty bucket. This cannot be undone. Type the bucket’s name to confirm.</p>
          <input aria-label="Bucket name" value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus className="mt-3 block w-full rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm" />
          {remove.error && (
            <p data-testid="delete-error" className="mt-2 text-sm text-red-700">
              {remove.error instanceof ApiClientError ? remove.error.message : 'The bucket could not be deleted.'}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={typed !== name || remove.isPending}>
              Delete bucket
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

export function BucketPage({ name }: { name: string }) {
  const key = ['buckets', 'detail', name];
  const bucket = useQuery({ queryKey: key, queryFn: () => api<BucketDetail>(`/api/buckets/${name}`) });
  if (bucket.isPending) return <TableSkeleton rows={5} />;
  if (bucket.isError && !bucket.data) return <ErrorState error={bucket.error} retry={() => bucket.refetch()} />;
  const b = bucket.data;
  const section = 'rounded-lg border border-slate-200 bg-white p-5';
  return (
    <div className="space-y-5">
      <StaleNotice query={bucket} />
      <div>
        <Link href="/buckets" className="text-sm text-brand-700 hover:underline">
          ← Buckets
        </Link>
        <h1 className="mt-2 font-mono text-xl font-semibold" data-testid="bucket-name">
          {b.name}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Owner{' '}
          <Link href={`/users/${b.owner.id}`} className="text-brand-700 hover:underline">
            {b.owner.email ?? b.owner.id}
          </Link>{' '}
          · epoch {b.epoch} · created {new Date(b.createdAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC
        </p>
      </div>
      <section className={section} aria-label="Size">
        <h2 className="mb-3 text-base font-semibold">Size, as the gateway reports it</h2>
        <dl className="grid grid-cols-3 gap-4 text-sm">
          <div>
            <dt className="text-slate-500">Current</dt>
            <dd data-testid="size-current" title={`${b.size.current} bytes`}>{formatBytes(b.size.current)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Largest (hmax)</dt>
            <dd title={`${b.size.hmax} bytes`}>{formatBytes(b.size.hmax)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">h_integral</dt>
            <dd className="font-mono text-xs">{BigInt(b.size.hIntegral).toLocaleString('en')} byte-seconds</dd>
          </div>
        </dl>
      </section>
      <section className={section} aria-label="Quota">
        <h2 className="mb-3 text-base font-semibold">Quota</h2>
        <QuotaPanel endpoint={`/api/buckets/${name}/quota`} quota={b.quota} usedBytes={b.size.current} invalidate={key} />
      </section>
      <section className={section} aria-label="Limits">
        <h2 className="mb-3 text-base font-semibold">Limits</h2>
        <LimitsPanel endpoint={`/api/buckets/${name}/limits`} limits={b.limits} invalidate={key} />
      </section>
      <section className={section}>
        <UsagePanel scope={{ endpoint: '/api/usage', bucket: b.name, epoch: String(b.epoch), traceable: true }} title={`Usage of this bucket (epoch ${b.epoch})`} />
      </section>
      <section className={section} aria-label="Delete">
        <DeleteBucket name={b.name} />
      </section>
    </div>
  );
}
