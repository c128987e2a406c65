import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { csvDownload } from './csv';

describe('a CSV download', () => {
  it('that fails midway ends with a line saying so, in the database’s words, never its statement', async () => {
    async function* rows() {
      yield ['2026-01-01', '7'];
      const params = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
      throw new DrizzleQueryError(`select * from usage_daily where user_id = any($1)`, params, new Error('canceling statement due to statement timeout'));
    }
    const text = await csvDownload('usage.csv', ['day', 'bytes'], rows()).text();
    expect(text).toBe('day,bytes\r\n2026-01-01,7\r\nERROR: the export stopped here: the database refused a statement: canceling statement due to statement timeout\r\n');
  });
});
