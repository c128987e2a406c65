/** Calendar arithmetic and units for usage figures: UTC days and months, GB = 10^9 bytes. */

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of a UTC instant. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The whole seconds of [fromMs, toMs) that fall on each UTC day, in order. */
export function splitByDay(fromMs: number, toMs: number): { day: string; seconds: number }[] {
  const pieces: { day: string; seconds: number }[] = [];
  for (let start = fromMs; start < toMs; ) {
    const end = Math.min(toMs, Math.floor(start / DAY_MS) * DAY_MS + DAY_MS);
    pieces.push({ day: dayOf(start), seconds: (end - start) / 1000 });
    start = end;
  }
  return pieces;
}

/** Seconds in the UTC month of a 'YYYY-MM' or 'YYYY-MM-DD'. */
export function secondsInMonth(period: string): number {
  const [y, m] = period.split('-').map(Number);
  return (Date.UTC(y, m, 1) - Date.UTC(y, m - 1, 1)) / 1000;
}

/** The first day of the month after 'YYYY-MM'. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

export const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && dayOf(Date.parse(`${s}T00:00:00Z`)) === s;
export const isMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** days between two 'YYYY-MM-DD', the second excluded. */
export const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;

/** `n / d` rounded half up, for n ≥ 0 and d > 0. */
const roundedQuotient = (n: bigint, d: bigint) => (n * 2n + d) / (2n * d);

// Stryker disable next-line EqualityOperator: at x = 0n both branches give 0n (there is no -0n)
const abs = (x: bigint) => (x < 0n ? -x : x);

/** `n / d` as a decimal string with `places` digits after the point, rounded half up; exact for any size. */
export function decimal(n: bigint, d: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  // Stryker disable next-line EqualityOperator: n = 0n gives 0 (printed without a sign) either way
  const negative = n < 0n !== d < 0n;
  const a = abs(n);
  const b = abs(d);
  const scaled = roundedQuotient(a * scale, b);
  const whole = (scaled / scale).toString();
  const frac = places > 0 ? `.${(scaled % scale).toString().padStart(places, '0')}` : '';
  return `${negative && scaled !== 0n ? '-' : ''}${whole}${frac}`;
}

export const GB = 1_000_000_000n;

/** Bytes as GB (10^9 bytes), exact: nine decimal places. */
export const bytesToGb = (bytes: bigint) => decimal(bytes, GB, 9);

/**
 * Storage of one month as GB-month: the byte-seconds stored during that month over 10^9 bytes
 * held for the whole month. 1 GB kept for all of a 30-day month is 1 GB-month.
 */
export const gbMonthsIn = (byteSeconds: bigint, month: string, places = 9) => decimal(gbMonthsScaled(byteSeconds, month, places), 10n ** BigInt(places), places);

/** The same as an integer count of 10^-places GB-months, rounded half up: months of different lengths add up. */
export const gbMonthsScaled = (byteSeconds: bigint, month: string, places = 9) => roundedQuotient(byteSeconds * 10n ** BigInt(places), GB * BigInt(secondsInMonth(month)));

/** This month (UTC), YYYY-MM. */
export const currentMonth = (now = Date.now()) => new Date(now).toISOString().slice(0, 7);
