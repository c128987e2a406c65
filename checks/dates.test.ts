import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDay, formatMoment, formatWhen } from '@/lib/format';

/**
 * One date format everywhere on screen: ISO date, 24-hour time, UTC marked — written by
 * lib/format.ts alone. A page that formats a date its own way (a locale's format, a bare ISO
 * string) fails here.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const browserFiles = ['components'].flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.join(dir, f)),
);

describe('dates on screen', () => {
  it('are formatted by lib/format.ts only', () => {
    const offenders = browserFiles.filter((f) => /toLocale(Date|Time)String|toISOString\(|\.toUTCString\(|Intl\.DateTimeFormat|replace\('T', ' '\)/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(browserFiles.length).toBeGreaterThan(25);
    expect(offenders).toEqual([]);
  });

  it('read the same way: ISO date, 24-hour time, UTC marked', () => {
    expect(formatWhen('2026-11-29T20:05:09.123Z')).toBe('2026-11-29 20:05 UTC');
    expect(formatMoment(Date.UTC(2026, 10, 29, 8, 5, 9))).toBe('2026-11-29 08:05:09 UTC');
    expect(formatDay('2026-11-29T20:05:09Z')).toBe('2026-11-29');
    expect(formatWhen(null)).toBe('never');
  });
});
