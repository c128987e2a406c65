'use client';

import { useQuery } from '@/data/cache/hooks';
import { Link } from '../ui/link';
import { useRouter } from 'next/navigation';
import { useDeleteBucket } from '@/data/buckets/mutations';
import { bucketQueries } from '@/data/buckets/queries';
import { usageScopes } from '@/data/usage/queries';
import { formatBytes, formatNumber, formatWhen } from '@/lib/format';
import { usePermission } from '../current-user';
import { LimitsPanel } from '../limits/limits-panel';
import { QuotaPanel } from '../limits/quota-panel';
import { ConfirmButton } from '../ui/confirm';
import { ErrorState, StaleNotice, TableSkeleton } from '../ui/states';
import { UsagePanel } from '../usage/usage-panel';
import { Section } from '../ui/section';

function DeleteBucket({ name }: { name: string }) {
  const write = usePermission('buckets.write');
  const router = useRouter();
  const remove = useDeleteBucket(name);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <ConfirmButton
        label="Delete bucket"
        title={`Delete the bucket ${name}?`}
        confirmLabel="Delete bucket"
        disabled={!write.allowed}
        busy={remove.isPending}
        typeToConfirm={name}
        typeLabel="Bucket name"
        onConfirm={async () => {
          await remove.mutateAsync(name);
          router.push('/buckets');
        }}
      >
        The gateway deletes only an empty bucket. This cannot be undone.
      </ConfirmButton>
    </div>
  );
}

export function BucketPage({ name }: { name: string }) {
  const bucket = useQuery(bucketQueries.detail(name));
  if (bucket.isPending) return <TableSkeleton rows={5} />;
  if (bucket.isError && !bucket.data) return <ErrorState error={bucket.error} retry={() => bucket.refetch()} />;
  const b = bucket.data;
  return (
    <div className="space-y-5">
      <StaleNotice query={bucket} />
      <div>
        <Link href="/buckets" className="text-sm text-brand-700 hover:underline">
          ← Buckets
        </Link>
        <h1 className="mt-2 font-mono text-xl font-semibold break-all" data-testid="bucket-name">
          {b.name}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Owner{' '}
          <Link href={`/users/${b.owner.id}`} className="text-brand-700 hover:underline">
            {b.owner.email ?? b.owner.id}
          </Link>{' '}
          · created {formatWhen(b.createdAt)}
          {b.epoch > 0 && (
            <span title={`The gateway’s epoch ${b.epoch}: it tells this bucket from earlier ones of the same name, whose usage is billed apart.`}>
              {' '}
              · an earlier bucket of this name existed
            </span>
          )}
        </p>
        <Link href={`/buckets/${encodeURIComponent(b.name)}/objects`} className="mt-3 inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50" data-testid="browse-objects">
          Browse objects
        </Link>
      </div>
      <Section title="Size, as the gateway reports it">
        <dl className="grid grid-cols-1 gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Now</dt>
            <dd data-testid="size-current" title={`${b.size.current} bytes`}>
              {formatBytes(b.size.current)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Largest it has been</dt>
            <dd title={`${b.size.hmax} bytes (the gateway’s hmax)`}>{formatBytes(b.size.hmax)}</dd>
          </div>
        </dl>
        <details className="mt-3 text-xs text-slate-600">
          <summary className="cursor-pointer">The gateway’s own counters</summary>
          <p className="mt-1">
            <code>h_integral</code>: <span className="font-mono break-all">{formatNumber(b.size.hIntegral)}</span> byte-seconds (size × time since the bucket was
            created, as the gateway counts it; billing uses the console’s own storage rounds instead). <code>hmax</code>: {b.size.hmax} bytes. Epoch: {b.epoch}.
          </p>
        </details>
      </Section>
      <Section title="Quota">
        <QuotaPanel owner={{ kind: 'bucket', name: b.name }} quota={b.quota} usedBytes={b.size.current} />
      </Section>
      <Section title="Limits">
        <LimitsPanel owner={{ kind: 'bucket', name: b.name }} limits={b.limits} />
      </Section>
      <section className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
        <UsagePanel scope={usageScopes.bucket(b.name, b.epoch)} title="Usage of this bucket" />
      </section>
      <Section title="Delete">
        <DeleteBucket name={b.name} />
      </Section>
    </div>
  );
}
