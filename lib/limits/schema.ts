import { z } from 'zod';
import { formatNumber } from '../format';

export const MAX_OPS = 1_000_000;
export const MAX_BANDWIDTH_KBS = 100_000_000;

// JSON numbers only: a string, null, an array or an overflow to Infinity is refused, never coerced.
const ops = (label: string) =>
  z
    .number({ error: `${label}: enter a number of operations per second.` })
    .min(0, `${label}: use 0 for unlimited, not a negative number.`)
    .max(MAX_OPS, `${label}: at most ${formatNumber(MAX_OPS)} operations per second.`)
    .refine((n) => Math.round(n * 100) === n * 100, `${label}: at most two decimals (the gateway keeps two).`);

/** All six limits, as the console sets them: ops/s per class and outgoing kB/s; 0 = unlimited. */
export const limitsInputSchema = z.object({
  default: ops('Default'),
  get: ops('GET'),
  put: ops('PUT'),
  list: ops('LIST'),
  delete: ops('DELETE'),
  out: z
    .number({ error: 'Bandwidth: enter kB/s.' })
    .int('Bandwidth: a whole number of kB/s.')
    .min(0, 'Bandwidth: use 0 for unlimited, not a negative number.')
    .max(MAX_BANDWIDTH_KBS, `Bandwidth: at most ${formatNumber(MAX_BANDWIDTH_KBS)} kB/s.`),
});

export type LimitsInput = z.infer<typeof limitsInputSchema>;

export const quotaInputSchema = z.object({
  gb: z
    .number({ error: 'Enter a quota in GB.' })
    .int('A quota is a whole number of GB.')
    .min(0, 'Use 0 for unlimited, not a negative number.')
    .max(1_000_000_000, 'At most 1,000,000,000 GB.'),
});
