'use client';

import { lazy, Suspense, type FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useRemoveLimits, useSetLimits, type LimitsOwner } from '@/data/limits/mutations';
import { formatNumber } from '@/lib/format';
import { LIMIT_KEYS, LIMIT_LABELS, type LimitValues } from '@/lib/limits/labels';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { useEditToggle } from '../ui/use-edit-toggle';
import { ConfirmButton } from '../ui/confirm';
import { numberFields } from '../ui/form-values';
import { useToast } from '../ui/toast';

// The form is loaded when Edit is pressed, not with the page.
const LimitsForm = lazy(() => import('./limits-form').then((m) => ({ default: m.LimitsForm })));

const shown = (value: number) => (value === 0 ? 'unlimited' : formatNumber(value));

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
      <Suspense fallback={<p className="text-sm text-slate-500">Loading the form…</p>}>
        <LimitsForm limits={limits} onSubmit={submit} pending={save.isPending} fields={fields} onCancel={() => (done(), save.reset())} />
      </Suspense>
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
