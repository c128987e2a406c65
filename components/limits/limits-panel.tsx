'use client';

import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { numberFields } from '@/lib/client/form';
import { api, ApiClientError } from '@/lib/client/api';
import { LIMIT_LABELS, type LimitsInput } from '@/lib/limits/schema';
import { usePermission } from '../current-user';
import { Button, Forbidden } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { useToast } from '../ui/toast';

const NAMES = Object.keys(LIMIT_LABELS) as (keyof LimitsInput)[];

const shown = (value: number) => (value === 0 ? 'unlimited' : value.toLocaleString('en'));

/** The six limits of a user or bucket: shown with units (0 = unlimited), set together, removed together. */
export function LimitsPanel({ endpoint, limits, invalidate }: { endpoint: string; limits: LimitsInput; invalidate: QueryKey }) {
  const write = usePermission('limits.write');
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const save = useMutation({
    mutationFn: (input: Record<string, number | string>) => api<{ drift: string[]; reapplied: string[] }>(endpoint, { method: 'PUT', body: input }),
    onSuccess: (result) => {
      setEditing(false);
      toast(result.drift.length ? 'error' : 'success', result.drift.length ? `The gateway does not keep: ${result.drift.join(', ')}.` : 'Limits saved; the gateway now enforces them.');
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: invalidate }),
  });
  const remove = useMutation({
    mutationFn: () => api(endpoint, { method: 'DELETE' }),
    onSuccess: () => toast('success', 'All limits removed.'),
    onError: (e) => toast('error', e.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invalidate }),
  });
  const fields = save.error instanceof ApiClientError ? save.error.fields : {};
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate(numberFields(e.currentTarget));
  };

  if (editing) {
    return (
      <form onSubmit={submit} noValidate data-testid="limits-form">
        <div className="grid grid-cols-2 gap-3 md:grid-cols-3">
          {NAMES.map((n) => (
            <label key={n} className="block text-sm font-medium">
              {LIMIT_LABELS[n].label} <span className="font-normal text-slate-500">({LIMIT_LABELS[n].unit}, 0 = unlimited)</span>
              <input
                name={n}
                inputMode="decimal"
                defaultValue={limits[n]}
                aria-invalid={Boolean(fields[n])}
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              />
              {fields[n] && <span className="text-xs font-normal text-red-700">{fields[n]}</span>}
            </label>
          ))}
        </div>
        {save.error && !Object.keys(fields).length && <p className="mt-2 text-sm text-red-700">{save.error.message}</p>}
        <div className="mt-4 flex gap-2">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save limits'}
          </Button>
          <Button onClick={() => (setEditing(false), save.reset())}>Cancel</Button>
        </div>
      </form>
    );
  }
  return (
    <div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm md:grid-cols-3" data-testid="limits">
        {NAMES.map((n) => (
          <div key={n}>
            <dt className="text-slate-500">{LIMIT_LABELS[n].label}</dt>
            <dd data-testid={`limit-${n}`}>
              {shown(limits[n])} {limits[n] !== 0 && <span className="text-slate-500">{LIMIT_LABELS[n].unit}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex items-center gap-2">
        <Button disabled={!write.allowed} onClick={() => setEditing(true)}>
          Edit limits
        </Button>
        {write.allowed && (
          <ConfirmButton label="Remove all limits" title="Remove all limits?" confirmLabel="Remove limits" busy={remove.isPending} onConfirm={() => remove.mutateAsync().catch(() => undefined)}>
            Every limit goes back to unlimited.
          </ConfirmButton>
        )}
        <Forbidden why={write.why} />
      </div>
    </div>
  );
}
