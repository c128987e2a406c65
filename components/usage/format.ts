import type { Figures } from '@/lib/usage/contract';

/** How usage figures read on the page: GB = 10^9 bytes, counts with separators, times in UTC. */

export const MEASURES = [
  { key: 'storage', label: 'Storage', unit: 'GB-month', value: (f: Figures) => f.storageGbMonth, exact: (f: Figures) => `${f.storageByteSeconds} byte-seconds` },
  { key: 'uploaded', label: 'Uploaded', unit: 'GB', value: (f: Figures) => f.uploadedGb, exact: (f: Figures) => `${f.uploadedBytes} bytes` },
  { key: 'downloaded', label: 'Downloaded', unit: 'GB', value: (f: Figures) => f.downloadedGb, exact: (f: Figures) => `${f.downloadedBytes} bytes` },
  { key: 'requests', label: 'Requests', unit: 'count', value: (f: Figures) => f.requests.total, exact: (f: Figures) => `put ${f.requests.put} · get ${f.requests.get} · list ${f.requests.list} · other ${f.requests.other}` },
] as const;

export type MeasureKey = (typeof MEASURES)[number]['key'];

export const measure = (key: string) => MEASURES.find((m) => m.key === key) ?? MEASURES[0];

/** A decimal string for reading: large values to three places, small ones to four significant digits. */
export function formatAmount(value: string): string {
  const n = Number(value);
  if (n === 0) return '0';
  if (Math.abs(n) >= 1) return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
  return n.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}

export const formatCount = (value: string) => BigInt(value).toLocaleString('en-US');
