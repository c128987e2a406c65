'use client';

import { type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useRemoveLimits, useSetLimits, type LimitsOwner } from '@/data/limits/mutations';
import { LIMIT_KEYS, LIMIT_LABELS, type LimitValues } from '@/lib/limits/labels';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { useEditToggle } from '../ui/use-edit-toggle';
import { ConfirmButton } from '../ui/confirm';
import { TextField } from '../ui/field';
import { numberFields } from '../ui/form-values';
import { useToast } from '../ui/toast';

const shown = (value: number) => (value === 0 ? 'unlimited' : value.toLocaleString('en'));

/** The six limits of a user or bucket: shown with units (0 = unlimited), set together, removed together. */
export function LimitsPanel({ owner, limits }: { owner: LimitsOwner; limits: LimitValues }) {
  const write = usePermission('limits.write');
  const toast = useToast();
  // Back from the form, the keyboard is where it was: on this panel's Edit button.
  const { editing, editButton: edit, open, done } = useEditToggle();
  const save = useSetLimits(owner);
  const remove = useRemoveLimits(owner);
  const fields = save.error instanceof ApiClientError ? save.error.fields : {};
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate(numberFields(e.currentTarget), {
      onSuccess: (result) => {
        done();
        toast(result.drift.length ? 'error' : 'success', result.drift.length ? `The gateway does not keep: ${result.drift.join(', ')}.` : 'Limits saved; the gateway now enforces them.');
      },
    });
  };

  if (editing) {
    return (
      <form onSubmit={submit} noValidate data-testid="limits-form">
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
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save limits'}
          </Button>
          <Button onClick={() => (done(), save.reset())}>Cancel</Button>
        </div>
      </form>
    );
  }
  return (
    <div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm md:grid-cols-3" data-testid="limits">
        {LIMIT_KEYS.map((n) => (
          <div key={n}>
            <dt className="text-slate-500">{LIMIT_LABELS[n].label}</dt>
            <dd data-testid={`limit-${n}`}>
              {shown(limits[n])} {limits[n] !== 0 && <span className="text-slate-500">{LIMIT_LABELS[n].unit}</span>}
            </dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <Button ref={edit} disabled={!write.allowed} onClick={open}>
          Edit limits
        </Button>
        {write.allowed && (
          <ConfirmButton label="Remove all limits" title="Remove all limits?" confirmLabel="Remove limits" busy={remove.isPending} onConfirm={() => remove.mutateAsync().catch(() => undefined)}>
            Every limit goes back to unlimited.
          </ConfirmButton>
        )}
      </div>
    </div>
  );
}
