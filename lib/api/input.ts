import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { ApiError, fromZod } from './errors';
import { formatNumber } from '../format';

/** What a request may carry: larger bodies are refused (413) before a byte of them is parsed. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const tooLarge = (limit = MAX_BODY_BYTES) => new ApiError(413, 'too_large', `The request body is larger than ${Math.round(limit / 1024)} KB, the most the console accepts.`);

/** A declared length over the limit: refused before the body is read at all. */
export function declaredTooLarge(req: Request, limit = MAX_BODY_BYTES): boolean {
  const declared = req.headers.get('content-length');
  return declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit);
}

/** The body as text, read no further than `limit` bytes (a body sent without a length is cut off there). */
export async function readBodyText(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  if (declaredTooLarge(req, limit)) throw tooLarge(limit);
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A NUL character can be no name, email or id, and PostgreSQL cannot store one in text: refused
 * in words wherever input arrives (query strings and JSON bodies) rather than failing in the database.
 */
const nulRefused = (field: string) => new ApiError(422, 'invalid_input', `“${field}” contains a NUL character, which no value may hold.`, { [field]: 'Contains a NUL character.' });

/** The path of the first string in a JSON value (keys included) that holds a NUL character, or null. */
export function nulPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '_' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (k.includes('\u0000')) return here;
    const found = nulPath(v, here);
    if (found) return found;
  }
  return null;
}

/** Refuses a parsed JSON body that holds a NUL character anywhere. */
export function refuseNul(value: unknown): void {
  const found = nulPath(value);
  if (found) throw nulRefused(found.slice(0, 80));
}

/**
 * The request's JSON body, checked by a schema (422 with field paths when it does not fit), at
 * most `limit` bytes. `empty`: what a request without a body stands for (none: a body is required).
 */
export async function body<T extends z.ZodType>(req: NextRequest, schema: T, options: { limit?: number; empty?: unknown } = {}): Promise<z.infer<T>> {
  const text = await readBodyText(req, options.limit);
  let value: unknown = options.empty;
  if (options.empty === undefined || text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'invalid_json', 'The request body must be JSON.');
    }
  }
  refuseNul(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/**
 * The query string as an object checked by a schema. A parameter given twice is refused, naming
 * it (which of the two would count is exactly the kind of ambiguity an attacker uses); empty
 * values count as absent.
 */
export function query<T extends z.ZodType>(req: NextRequest, schema: T): z.infer<T> {
  const values: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [name, value] of req.nextUrl.searchParams) {
    if (seen.has(name)) throw new ApiError(422, 'invalid_input', `The parameter “${name.slice(0, 40)}” is given more than once.`, { [name.slice(0, 40)]: 'Given more than once.' });
    seen.add(name);
    if (value.includes('\u0000')) throw nulRefused(name.slice(0, 40));
    if (value !== '') values[name] = value;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}

/** A whole number in a query string: digits only (no sign, exponent, hex or spaces), within bounds. */
export function wholeNumber(label: string, bounds: { min: number; max: number }) {
  return z
    .string({ error: `${label} must be a whole number.` })
    .regex(/^\d{1,16}$/, `${label} must be a whole number.`)
    .transform(Number)
    .refine((n) => n >= bounds.min && n <= bounds.max, `${label} must be between ${bounds.min} and ${formatNumber(bounds.max)}.`);
}

const INT64_MAX = 2n ** 63n - 1n;

/** A counter the gateway keeps as a 64-bit integer (a bucket's epoch), given in a query string. */
export function int64(label: string) {
  return z
    .string({ error: `${label} must be a whole number.` })
    .regex(/^\d{1,19}$/, `${label} must be a whole number.`)
    .transform((v) => BigInt(v))
    .refine((n) => n <= INT64_MAX, `${label} is too large: at most ${INT64_MAX}.`);
}
