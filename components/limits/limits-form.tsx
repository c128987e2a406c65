'use client';

import type { FormEvent } from 'react';
import { LIMIT_KEYS, LIMIT_LABELS, type LimitValues } from '@/lib/limits/labels';
import { Button } from '../ui/button';
import { TextField } from '../ui/field';

/** The six limits as a form, each with its unit; 0 means unlimited. */
export function LimitsForm({
  limits,
  onSubmit,
  onCancel,
  pending,
  fields,
}: {
  limits: LimitValues;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  pending: boolean;
  fields: Record<string, string>;
}) {
  return (
    <form onSubmit={onSubmit} noValidate data-testid="limits-form">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 md:grid-cols-3">
        {LIMIT_KEYS.map((n) => (
          <TextField
            key={n}
            name={n}
            inputMode="decimal"
            defaultValue={limits[n]}
            error={fields[n]}
            label={
              <>
                {LIMIT_LABELS[n].label} <span className="font-normal text-slate-500">({LIMIT_LABELS[n].unit}, 0 = unlimited)</span>
              </>
            }
          />
        ))}
      </div>
      <div className="mt-4 flex gap-2">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save limits'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

/** A quota in GB as a form; 0 means none of its own (the default applies). */
export function QuotaForm({ ownGb, onSubmit, onCancel, pending, error }: { ownGb: number; onSubmit: (e: FormEvent<HTMLFormElement>) => void; onCancel: () => void; pending: boolean; error?: string }) {
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" noValidate>
      <TextField label="Quota in GB (0 = none of its own)" name="gb" inputMode="numeric" defaultValue={ownGb} autoFocus error={error} className="w-56" />
      <Button type="submit" variant="primary" disabled={pending}>
        Save quota
      </Button>
      <Button onClick={onCancel}>Cancel</Button>
    </form>
  );
}
