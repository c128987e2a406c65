import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../db/client';

const holder = vi.hoisted(() => ({ database: null as Database | null }));
vi.mock('../db', () => ({ db: async () => holder.database!.db }));

const { firstSeen, firstSeenSettled, recordNewUser } = await import('./known');

const stored = async () =>
  new Map(((await holder.database!.db.execute(sql`select user_id, first_seen_at from known_users`)) as unknown as { rows: { user_id: string; first_seen_at: string | Date }[] }).rows.map((r) => [r.user_id, new Date(r.first_seen_at).toISOString()]));

beforeAll(async () => {
  holder.database = await openDatabase({ dataDir: null });
});
afterAll(() => holder.database?.close());

describe("the first-seen dates of the gateway's users", () => {
  it('answers at once for a large new list and writes the dates after; a date another instance wrote first stands', async () => {
    const before = Date.now();
    await firstSeen([]);
    // Another console instance saw `u-1` long ago (written after this one read the table).
    await holder.database!.db.execute(sql`insert into known_users (user_id, first_seen_at) values ('u-1', '2020-01-02T03:04:05Z')`);
    const ids = Array.from({ length: 20_000 }, (_, i) => `u-${i}`);
    const dates = await firstSeen(ids);
    expect(ids.every((id) => dates(id) !== null)).toBe(true);
    const shown = dates('u-19999')!;
    // Every new user is dated by this look: the same date for all of them.
    expect(new Set(ids.map(dates)).size).toBe(1);
    expect(Date.parse(shown)).toBeGreaterThanOrEqual(before);
    // Answered before any of them was written (only the other instance's row is there).
    expect((await stored()).size).toBe(1);

    await firstSeenSettled();
    const rows = await stored();
    expect(rows.size).toBe(ids.length);
    expect(rows.get('u-1')).toBe('2020-01-02T03:04:05.000Z');
    // The date shown at once is the date written.
    expect(rows.get('u-19999')).toBe(shown);
    const again = await firstSeen(ids);
    expect(again('u-1')).toBe('2020-01-02T03:04:05.000Z');
    expect(again('u-5')).toBe(rows.get('u-5'));
    // The lookup given at first now shows the date the other instance wrote first too.
    expect(dates('u-1')).toBe('2020-01-02T03:04:05.000Z');
  });

  it('keeps the earliest date for a user the console creates, and reads it back', async () => {
    await recordNewUser('u-1');
    expect((await stored()).get('u-1')).toBe('2020-01-02T03:04:05.000Z');
    await recordNewUser('new-user');
    const written = (await stored()).get('new-user')!;
    expect((await firstSeen(['new-user']))('new-user')).toBe(written);
    // With no ids, only dates known: none for a user never seen.
    const known = await firstSeen([]);
    expect(known('new-user')).toBe(written);
    expect(known('never-seen')).toBeNull();
  });
});
