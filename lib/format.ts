/** How figures and times read everywhere in the console (server and browser alike). */

/** Bytes in decimal units (GB = 10^9 bytes), from a decimal string so large sizes stay exact. */
export function formatBytes(text: string): string {
  const n = Number(text);
  if (!Number.isFinite(n)) return `${text} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** One way to show a moment: ISO date, 24-hour time, UTC marked (`2026-11-29 14:05 UTC`); `never` for none. */
export const formatWhen = (iso: string | null | undefined): string => (iso ? `${iso.replace('T', ' ').slice(0, 16)} UTC` : 'never');

/** The same for a moment in milliseconds since the epoch, to the second: `2026-11-29 14:05:09 UTC`. */
export const formatMoment = (ms: number): string => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/**
 * Two texts in code point order, as PostgreSQL's `collate "C"` orders them: the same on every
 * machine, and without `localeCompare`, whose first use loads ICU's collation data into the server.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A day alone: `2026-11-29`. */
export const formatDay = (iso: string): string => iso.slice(0, 10);

/**
 * A number for reading, as `toLocaleString('en')` writes it: digits grouped by commas, at most
 * `fractionDigits` decimals (3 unless told), rounded half away from zero from the number's
 * shortest decimal form, trailing zeros dropped: `1,234,567`, `3,600.5`. Whole numbers given as
 * a bigint or a decimal string stay exact at any size.
 *
 * Written out rather than asked of `Intl`: the first number format of a process makes ICU load
 * its data, about 8 MB of the server's memory for good and 20–30 ms of whichever request came
 * first, for figures that only ever read in English.
 */
export function formatNumber(value: number | bigint | string, fractionDigits = 3): string {
  if (typeof value !== 'number') return /^-?\d+$/.test(String(value)) ? readable(String(value), '') : String(value);
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '-∞';
  const [whole, fraction] = rounded(decimal(Math.abs(value)), fractionDigits);
  return readable(`${value < 0 && (whole !== '0' || fraction) ? '-' : ''}${whole}`, fraction);
}

/**
 * A number between -1 and 1 for reading, to `digits` significant digits (trailing zeros dropped)
 * and never with an exponent: `0.001235`, as `toLocaleString('en', { maximumSignificantDigits })`
 * writes it. Larger numbers read as `formatNumber` reads them.
 */
export function formatSmall(value: number, digits: number): string {
  if (!Number.isFinite(value) || value === 0 || Math.abs(value) >= 1) return formatNumber(value);
  const text = decimal(Math.abs(value));
  const zeros = /^0\.(0*)/.exec(text)![1].length;
  const [whole, fraction] = rounded(text, zeros + digits);
  return readable(`${value < 0 ? '-' : ''}${whole}`, fraction);
}

/** A number's shortest decimal form, written without an exponent: `1.5e-7` → `0.00000015`. */
function decimal(abs: number): string {
  const [mantissa, exponent] = String(abs).split('e');
  if (exponent === undefined) return mantissa;
  const [int, fraction = ''] = mantissa.split('.');
  const figures = int + fraction;
  const point = int.length + Number(exponent);
  if (point <= 0) return `0.${'0'.repeat(-point)}${figures}`;
  if (point >= figures.length) return figures.padEnd(point, '0');
  return `${figures.slice(0, point)}.${figures.slice(point)}`;
}

/** A decimal without sign or exponent, to `places` decimals, half away from zero: its whole part and its fraction without trailing zeros. */
function rounded(text: string, places: number): [string, string] {
  const [int, fraction = ''] = text.split('.');
  if (fraction.length <= places) return [int, fraction.replace(/0+$/, '')];
  let kept = int + fraction.slice(0, places);
  if (fraction[places] >= '5') kept = (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
  const point = kept.length - places;
  return [kept.slice(0, point).replace(/^0+(?=\d)/, ''), kept.slice(point).replace(/0+$/, '')];
}

/** Digits of a whole part in groups of three, and the fraction after a point when there is one. */
function readable(whole: string, fraction: string): string {
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = `${end > 3 ? ',' : ''}${digits.slice(Math.max(0, end - 3), end)}${out}`;
  return `${sign}${out}${fraction ? `.${fraction}` : ''}`;
}
