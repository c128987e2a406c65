import { invalidArgument } from '../errors';
import type { SimRequest } from '../request';

export type Params = Map<string, string | null>;

/**
 * The parameters after the service name. Presigned-URL parameters are left to authentication;
 * anything else not in `allowed`, or given twice, is refused.
 */
export function readParams(req: SimRequest, allowed: readonly string[]): Params {
  const service = req.query[0].name;
  const params: Params = new Map();
  for (const p of req.query.slice(1)) {
    if (p.name.startsWith('X-Amz-')) continue;
    if (!allowed.includes(p.name)) {
      throw invalidArgument(`Unknown parameter "${p.name}" for ${service} ${req.method}`);
    }
    if (params.has(p.name)) throw invalidArgument(`The parameter "${p.name}" is given more than once`);
    params.set(p.name, p.value);
  }
  return params;
}

export function requireValue(params: Params, name: string): string {
  const value = params.get(name);
  if (value === undefined) throw invalidArgument(`The parameter "${name}" is required`);
  if (value === null || value === '') throw invalidArgument(`The parameter "${name}" needs a value`);
  return value;
}

/** A switch such as `&disable`: present without a value. */
export function flag(params: Params, name: string): boolean {
  if (!params.has(name)) return false;
  const value = params.get(name);
  if (value !== null && value !== '') throw invalidArgument(`The parameter "${name}" takes no value`);
  return true;
}

/** Exactly one of `names` must be present; returns which. */
export function exactlyOne<T extends string>(params: Params, names: readonly T[], what: string): T {
  const present = names.filter((n) => params.has(n));
  if (present.length !== 1) throw invalidArgument(`Give exactly one of ${names.join(', ')} ${what}`);
  return present[0];
}

const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function validEmail(email: string): string {
  if (email.length > 254 || !EMAIL.test(email) || email.includes('..')) {
    throw invalidArgument(`"${email.slice(0, 100)}" is not a valid email address`);
  }
  return email;
}

/** A non-negative decimal such as `3600` or `0.5`. */
export function nonNegativeNumber(text: string | null | undefined, name: string, integer = false): number {
  const pattern = integer ? /^\d{1,15}$/ : /^\d{1,15}(\.\d{1,6})?$/;
  if (text === null || text === undefined || !pattern.test(text)) {
    throw invalidArgument(
      `"${name}" must be a non-negative ${integer ? 'whole number' : 'number'}, not "${String(text ?? '').slice(0, 40)}"`,
    );
  }
  return Number(text);
}
