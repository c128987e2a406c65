import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { signInAttempts } from '../db/schema';
import { createServerDatabase, describeEachDatabase } from '../db/testing';
import { ADDRESS_LIMIT, MAX_WAIT_MS, PAIR_LIMIT, reserveAttempt, settleAttempt, spacingMs, WINDOW_MS } from './throttle';

const T0 = Date.parse('2026-11-29T10:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
const MINUTE = 60_000;

describeEachDatabase('sign-in lock-out', (database) => {
  /** One attempt that fails, at a moment: returns what the lock-out said. */
  async function fail(account: string, address: string, when: Date) {
    const verdict = await reserveAttempt(database().db, account, address, when);
    if (verdict.kind === 'go') await settleAttempt(database().db, verdict.attemptId, 'failed', { account, address }, when);
    return verdict;
  }

  it('locks one address out of one account after ten failures, and not the account for anyone else', async () => {
    for (let i = 1; i <= PAIR_LIMIT; i++) expect((await fail('admin@a.test', '198.51.100.1', at(i * 1000))).kind, `failure ${i}`).toBe('go');
    const eleventh = await reserveAttempt(database().db, 'admin@a.test', '198.51.100.1', at(11_000));
    expect(eleventh).toMatchObject({ kind: 'locked', scope: 'pair' });
    // The window is 15 minutes from the first failure: it says so, to the second.
    expect(eleventh.kind === 'locked' && eleventh.retryAfterSeconds).toBe(WINDOW_MS / 1000 - 10);
    const fromElsewhere = await reserveAttempt(database().db, 'admin@a.test', '203.0.113.9', at(12_000));
    expect(fromElsewhere.kind).toBe('go');
  });

  it('lets the pair in again only once the failures have left the 15-minute window', async () => {
    for (let i = 0; i < PAIR_LIMIT; i++) await fail('window@a.test', '198.51.100.2', at(i * MINUTE));
    // The first failure was at 0 min: still locked at 14:59, open at 15:01.
    expect((await reserveAttempt(database().db, 'window@a.test', '198.51.100.2', at(14 * MINUTE + 59_000))).kind).toBe('locked');
    expect((await reserveAttempt(database().db, 'window@a.test', '198.51.100.2', at(15 * MINUTE + 1000))).kind).toBe('go');
  });

  it('locks an address that fails across many accounts', async () => {
    for (let i = 0; i < ADDRESS_LIMIT; i++) expect((await fail(`spray${i}@a.test`, '192.0.2.7', at(i))).kind).toBe('go');
    expect(await reserveAttempt(database().db, 'fresh@a.test', '192.0.2.7', at(100))).toMatchObject({ kind: 'locked', scope: 'address' });
    expect((await reserveAttempt(database().db, 'fresh@a.test', '192.0.2.8', at(100))).kind).toBe('go');
  });

  it('spaces attempts at an account guessed from many addresses: the wait grows with every failure', async () => {
    const waits: number[] = [];
    let clock = 0;
    for (let i = 0; i < 12; i++) {
      const verdict = await reserveAttempt(database().db, 'target@a.test', `10.1.0.${i}`, at(clock));
      expect(verdict.kind).toBe('go');
      if (verdict.kind !== 'go') return;
      waits.push(verdict.waitMs);
      clock += verdict.waitMs;
      await settleAttempt(database().db, verdict.attemptId, 'failed', { account: 'target@a.test', address: `10.1.0.${i}` }, at(clock));
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    expect(waits.map((_, i) => spacingMs(i))).toEqual(waits);
  });

  it('refuses a queue longer than twenty seconds, and lets an address the account signed in from skip it', async () => {
    const db = database().db;
    // The account's owner signed in from home an hour ago.
    const home = await reserveAttempt(db, 'queue@a.test', '10.9.9.9', at(-60 * MINUTE));
    if (home.kind === 'go') await settleAttempt(db, home.attemptId, 'ok', { account: 'queue@a.test', address: '10.9.9.9' }, at(-60 * MINUTE));
    // Twelve failures at one instant from twelve addresses: the next slot is far ahead.
    for (let i = 0; i < 12; i++) {
      const v = await reserveAttempt(db, 'queue@a.test', `10.2.0.${i}`, at(0));
      if (v.kind === 'go') await settleAttempt(db, v.attemptId, 'failed', { account: 'queue@a.test', address: `10.2.0.${i}` }, at(0));
    }
    const waits = [];
    for (let i = 0; i < 4; i++) {
      const v = await reserveAttempt(db, 'queue@a.test', `10.3.0.${i}`, at(0));
      waits.push(v.kind === 'go' ? v.waitMs : v.kind);
    }
    expect(waits.filter((w) => w === 'busy')).not.toHaveLength(0);
    expect(waits.filter((w): w is number => typeof w === 'number').every((w) => w <= MAX_WAIT_MS)).toBe(true);
    expect(await reserveAttempt(db, 'queue@a.test', '10.9.9.9', at(0))).toMatchObject({ kind: 'go', waitMs: 0 });
  });

  it('a success clears that pair’s failures; a check that could not be made counts nothing', async () => {
    const db = database().db;
    for (let i = 0; i < PAIR_LIMIT - 1; i++) await fail('mistyped@a.test', '198.51.100.3', at(i));
    const right = await reserveAttempt(db, 'mistyped@a.test', '198.51.100.3', at(100));
    expect(right.kind).toBe('go');
    if (right.kind === 'go') await settleAttempt(db, right.attemptId, 'ok', { account: 'mistyped@a.test', address: '198.51.100.3' }, at(100));
    expect(await db.select().from(signInAttempts).where(eq(signInAttempts.account, 'mistyped@a.test'))).toHaveLength(0);

    for (let i = 0; i < PAIR_LIMIT + 5; i++) {
      const v = await reserveAttempt(db, 'outage@a.test', '198.51.100.4', at(i));
      expect(v.kind).toBe('go');
      if (v.kind === 'go') await settleAttempt(db, v.attemptId, 'void', { account: 'outage@a.test', address: '198.51.100.4' }, at(i));
    }
  });
});

it('counts simultaneous attempts from two console instances atomically: never more checks than the limit', async () => {
  const server = await createServerDatabase();
  const [a, b] = [await openDatabase({ url: server.url }), await openDatabase({ url: server.url })];
  try {
    const now = new Date();
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => reserveAttempt((i % 2 ? a : b).db, 'raced@a.test', '198.51.100.40', now)));
    expect(verdicts.filter((v) => v.kind === 'go')).toHaveLength(PAIR_LIMIT);
    expect(verdicts.filter((v) => v.kind === 'locked')).toHaveLength(40 - PAIR_LIMIT);
  } finally {
    await a.close();
    await b.close();
    await server.drop();
  }
});
