import { formatNumber } from '../format';

/** The six limits as the console names them, with their units; 0 means unlimited. */
export const LIMIT_LABELS = {
  default: { label: 'Default', unit: 'ops/s' },
  get: { label: 'GET', unit: 'ops/s' },
  put: { label: 'PUT', unit: 'ops/s' },
  list: { label: 'LIST', unit: 'ops/s' },
  delete: { label: 'DELETE', unit: 'ops/s' },
  out: { label: 'Bandwidth out', unit: 'kB/s' },
} as const;

export type LimitKey = keyof typeof LIMIT_LABELS;
export const LIMIT_KEYS = Object.keys(LIMIT_LABELS) as LimitKey[];
export type LimitValues = Record<LimitKey, number>;

/** A limit's value for people: `unlimited`, or the number with its unit. */
export const limitText = (key: LimitKey, value: number): string => (value === 0 ? 'unlimited' : `${formatNumber(value)} ${LIMIT_LABELS[key].unit}`);

/** A quota for people: `unlimited`, or whole GB. */
export const quotaText = (gb: number): string => (gb === 0 ? 'unlimited' : `${formatNumber(gb)} GB`);

/** Six limits in one line of words, for the audit log: `Default unlimited, GET 200 ops/s, …`. */
export const limitsInWords = (values: LimitValues): string => LIMIT_KEYS.map((k) => `${LIMIT_LABELS[k].label} ${limitText(k, values[k])}`).join(', ');

/** A limit as a customer reads it: “200 GET requests per second”, “Downloads at up to 100 kB/s”, or null when there is none. */
export function limitSentence(key: LimitKey, value: number): string | null {
  if (value === 0) return null;
  const n = formatNumber(value);
  if (key === 'out') return `Downloads at up to ${n} kB/s`;
  if (key === 'default') return `${n} requests per second of any other kind`;
  return `${n} ${LIMIT_LABELS[key].label} requests per second`;
}
