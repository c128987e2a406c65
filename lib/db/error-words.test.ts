import { DrizzleQueryError } from 'drizzle-orm/errors';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { errorWords } from './error-words';
import { openDatabase } from './client';

describe('a failure in words', () => {
  it('is a failed statement’s reason, never the statement and its parameters', async () => {
    const database = await openDatabase({ dataDir: null });
    try {
      const values = Array.from({ length: 5000 }, (_, i) => String(9223372036854775807n + BigInt(i)));
      const failure = await database.db.execute(sql`select ${`{${values.join(',')}}`}::bigint[]`).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(DrizzleQueryError);
      expect((failure as Error).message.length).toBeGreaterThan(100_000);
      expect(errorWords(failure)).toMatch(/^the database refused a statement: .*out of range/);
    } finally {
      await database.close();
    }
  });

  it('is any other error’s message, at most 500 characters', () => {
    expect(errorWords(new Error('The gateway did not answer in time.'))).toBe('The gateway did not answer in time.');
    expect(errorWords('a reason')).toBe('a reason');
    const long = errorWords(new Error('x'.repeat(10_000)));
    expect(long).toHaveLength(500);
    expect(long.endsWith('…')).toBe(true);
  });
});
