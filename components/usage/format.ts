import type { Figures } from '@/lib/usage/contract';
import { formatNumber, formatSmall } from '@/lib/format';

/**
 * How usage figures read on the page. Amounts of bytes pick their unit by size — bytes up to TB
 * for transfer, byte-months up to TB-months for storage (decimal: 1 kB = 1000 bytes) — so that
 * a small figure is not `0.000000722 GB-month`. Exports keep the exact decimals; every figure
 * shows its exact value on hover.
 */

export type MeasureKind = 'bytes' | 'byte-months' | 'count';

export interface Measure {
  key: 'storage' | 'uploaded' | 'downloaded' | 'requests';
  label: string;
  kind: MeasureKind;
  /** The amount in the kind's base unit (bytes, byte-months, requests), as a number for scaling and drawing. */
  amount(f: Figures): number;
  /** The exact figure, as the ledger holds it. */
  exact(f: Figures): string;
}

export const MEASURES: readonly Measure[] = [
  { key: 'storage', label: 'Storage', kind: 'byte-months', amount: (f) => Number(f.storageGbMonth) * 1e9, exact: (f) => `${f.storageGbMonth} GB-month (${f.storageByteSeconds} byte-seconds)` },
  { key: 'uploaded', label: 'Uploaded', kind: 'bytes', amount: (f) => Number(f.uploadedBytes), exact: (f) => `${f.uploadedBytes} bytes` },
  { key: 'downloaded', label: 'Downloaded', kind: 'bytes', amount: (f) => Number(f.downloadedBytes), exact: (f) => `${f.downloadedBytes} bytes` },
  { key: 'requests', label: 'Requests', kind: 'count', amount: (f) => Number(f.requests.total), exact: (f) => `put ${f.requests.put} · get ${f.requests.get} · list ${f.requests.list} · other ${f.requests.other}` },
];

export type MeasureKey = Measure['key'];

export const measure = (key: string) => MEASURES.find((m) => m.key === key) ?? null;

export interface Unit {
  name: string;
  factor: number;
}

const PREFIXES: [string, number][] = [
  ['T', 1e12],
  ['G', 1e9],
  ['M', 1e6],
  ['k', 1e3],
  ['', 1],
];

/** The unit that reads best for amounts up to `largest`: `MB`, `GB-month`, `requests`. */
export function unitFor(kind: MeasureKind, largest: number): Unit {
  if (kind === 'count') return { name: 'requests', factor: 1 };
  const [prefix, factor] = PREFIXES.find(([, f]) => Math.abs(largest) >= f) ?? PREFIXES[PREFIXES.length - 1];
  return { name: `${prefix}B${kind === 'byte-months' ? '-month' : ''}`, factor };
}

/** A decimal string for reading: large values to three places, small ones to four significant digits. */
export function formatAmount(value: string): string {
  const n = Number(value);
  if (n === 0) return '0';
  if (Math.abs(n) >= 1) return formatNumber(n);
  return formatSmall(n, 4);
}

/** An amount in a unit, without the unit's name: `1.5`. */
export const amountIn = (amount: number, unit: Unit) => formatAmount(String(amount / unit.factor));

/** A measure's figure with the unit that suits it: `722 B-month`, `1.25 GB`, `12,793 requests`. */
export function formatMeasure(m: Measure, f: Figures): string {
  if (m.kind === 'count') return `${formatCount(f.requests.total)} requests`;
  const amount = m.amount(f);
  const unit = unitFor(m.kind, amount);
  return `${amountIn(amount, unit)} ${unit.name}`;
}

/** The measure a view opens on: the one named, or else the first that has any figure, so that a chart is not empty for nothing. */
export function defaultMeasure(named: string, totals: Figures | undefined): Measure {
  return measure(named) ?? MEASURES.find((m) => totals && m.amount(totals) > 0) ?? MEASURES[0];
}

export const formatCount = (value: string) => formatNumber(BigInt(value));
