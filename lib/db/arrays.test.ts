import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { pgArray } from './arrays';
import { describeEachDatabase } from './testing';

describeEachDatabase('array literals', (database) => {
  it('carry any text and exact big integers through unnest', async () => {
    const texts = ['plain', 'com,ma', 'quo"te', 'back\\slash', '{brace}', '', 'NULL', ' spaced ', 'ünïcødé'];
    const numbers = [0n, 1n, 9_223_372_036_854_775_807n, 42n, 7n, 8n, 9n, 10n, 11n];
    const result = (await database().db.execute(sql`select t, n::text as n from unnest(${pgArray(texts)}::text[], ${pgArray(numbers)}::bigint[]) as u(t, n)`)) as unknown as {
      rows: { t: string; n: string }[];
    };
    expect(result.rows).toEqual(texts.map((t, i) => ({ t, n: numbers[i].toString() })));
  });

  it('write numbers bare and quote every text, escaping only what needs it', async () => {
    const texts = ['both "\\', '\\"', 'a"b"c', '1', '-2', 'NULL'];
    const numbers = [-9_223_372_036_854_775_808n, -1, 0, 2 ** 53, 12, 13];
    expect(pgArray([1, -2n, 'x'])).toBe('{1,-2,"x"}');
    const result = (await database().db.execute(sql`select t, n::text as n from unnest(${pgArray(texts)}::text[], ${pgArray(numbers)}::bigint[]) as u(t, n)`)) as unknown as {
      rows: { t: string; n: string }[];
    };
    expect(result.rows).toEqual(texts.map((t, i) => ({ t, n: numbers[i].toString() })));
  });
});
