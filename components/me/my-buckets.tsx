'use client';

import { Link } from '../ui/link';
import { useState, type FormEvent } from 'react';
import { ApiClientError, encode } from '@/data/api';
import { useCreateBucket, useDeleteBucket } from '@/data/objects/mutations';
import { formatBytes, formatWhen } from '@/lib/format';
import { quotaText } from '@/lib/limits/labels';
import type { Overview } from '@/lib/objects/contract';
import { bucketNameProblem } from '@/lib/objects/names';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { DataTable, type Column } from '../ui/data-table';
import { TextField } from '../ui/field';

type Row = Overview['buckets'][number];
const GB = 1024 ** 3;

/** Used against quota, as a bar with words (no bar without a quota). */
export function QuotaUse({ usedBytes, quotaGb, label }: { usedBytes: string; quotaGb: number; label: string }) {
  if (quotaGb === 0) return <span className="text-slate-600">{formatBytes(usedBytes)} · no quota</span>;
  const percent = Math.min(100, (Number(usedBytes) / (quotaGb * GB)) * 100);
  return (
    <span className="inline-flex min-w-40 flex-col gap-1">
      <span>
        {formatBytes(usedBytes)} of {quotaText(quotaGb)}
      </span>
      <span role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} className="h-1.5 overflow-hidden rounded bg-slate-100">
        <span className={`block h-full ${percent >= 90 ? 'bg-red-600' : percent >= 75 ? 'bg-amber-500' : 'bg-brand-600'}`} style={{ width: `${percent}%` }} />
      </span>
    </span>
  );
}

/** The customer's buckets: sizes against their quotas, a way into each, a new one (S3's naming rules checked as typed), and deletion of an empty one. */
export function MyBuckets({ buckets }: { buckets: Row[] }) {
  const create = useCreateBucket();
  const remove = useDeleteBucket();
  const [name, setName] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = name ? bucketNameProblem(name) : null;
  const serverError = create.error instanceof ApiClientError ? (create.error.fields.name ?? create.error.message) : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (bucketNameProblem(name)) return;
    create.mutate(name, {
      onSuccess: () => {
        setName('');
        setTouched(false);
      },
    });
  };
  const columns: Column<Row>[] = [
    {
      id: 'name',
      header: 'Bucket',
      sortable: true,
      sortValue: (b) => b.name,
      cell: (b) => (
        <Link href={`/me/buckets/${encode(b.name)}`} className="font-mono text-xs font-medium text-brand-700 hover:underline" data-testid="bucket-link">
          {b.name}
        </Link>
      ),
    },
    { id: 'size', header: 'Stored', sortable: true, sortValue: (b) => BigInt(b.sizeBytes), cell: (b) => <QuotaUse usedBytes={b.sizeBytes} quotaGb={b.quota?.effectiveGb ?? 0} label={`${b.name} used of its quota`} /> },
    { id: 'created', header: 'Created', sortable: true, sortValue: (b) => b.createdAt, cell: (b) => formatWhen(b.createdAt) },
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      cell: (b) => (
        <ConfirmButton label="Delete" title={`Delete the bucket ${b.name}?`} confirmLabel="Delete bucket" typeToConfirm={b.name} typeLabel="Bucket name" busy={remove.isPending} testId="delete-bucket" onConfirm={() => remove.mutateAsync(b.name)}>
          <p>Only an empty bucket can be deleted: delete its objects first. The name may then be taken by anyone.</p>
        </ConfirmButton>
      ),
    },
  ];
  return (
    <div className="space-y-4">
      <DataTable compact columns={columns} rows={buckets} rowKey={(b) => `${b.name}/${b.epoch}`} rowTestId="bucket-row" empty={{ title: 'You have no buckets yet.', hint: 'Create one below, then upload files into it.' }} />
      <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-2">
        <TextField
          label="New bucket name"
          name="bucket"
          value={name}
          onChange={(e) => {
            setName(e.target.value.trim());
            create.reset();
          }}
          onBlur={() => setTouched(true)}
          error={(touched && problem) || serverError}
          hint="3–63 lower-case letters, digits, dots and hyphens; shared by every customer, so it may be taken."
          autoComplete="off"
          spellCheck={false}
          className="w-full max-w-80"
        />
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create bucket'}
        </Button>
      </form>
    </div>
  );
}
