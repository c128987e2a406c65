import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

/** Every text input and select of the console looks and behaves alike: CONTROL alone in a toolbar, INPUT in a form. */
export const CONTROL = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-600';
export const INPUT = `mt-1 block w-full ${CONTROL}`;

interface FieldProps {
  label: ReactNode;
  /** The server's refusal of this field, in words. */
  error?: string;
  /** A line of help under the field. */
  hint?: ReactNode;
  required?: boolean;
  className?: string;
}

/** A labelled form field: label (with a required mark), the control, a hint and the error under it. */
export function Field({ label, error, hint, required, className = '', children }: FieldProps & { children: (ids: { id: string; describedBy?: string; invalid: boolean }) => ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required && (
          <span className="ml-0.5 text-red-700" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children({ id, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined, invalid: Boolean(error) })}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-xs text-red-700" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, error, hint, required, className, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={className}>
      {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} required={required} className={INPUT} {...input} />}
    </Field>
  );
}

export function SelectField({ label, error, hint, required, className, children, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} error={error} hint={hint} required={required} className={className}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid} required={required} className={INPUT} {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}
