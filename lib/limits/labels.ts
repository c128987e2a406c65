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
