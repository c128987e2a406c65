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

/** A day alone: `2026-11-29`. */
export const formatDay = (iso: string): string => iso.slice(0, 10);
