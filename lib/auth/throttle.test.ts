import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { signInAttempts } from '../db/schema';
import { createServerDatabase, describeEachDatabase } from '../db/testing';
import { sql } from 'drizzle-orm';
import { signInKnownAddresses } from '../db/schema';
import { reserveAttempt, settleAttempt, spacingMs } from './throttle';

// The policy, written out (never read from the module under test): 10 per pair, 30 per address,
// a 15-minute window, a 20-second queue, addresses known for 30 days.
const PAIR_LIMIT = 10;
const ADDRESS_LIMIT = 30;
const WINDOW_MS = 15 * 60_000;
const MAX_WAIT_MS = 20_000;
const DAY = 86_400_000;

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

  it('waits up to twenty seconds exactly, refusing only beyond', async () => {
    const db = database().db;
    // Ten failures at the account (spacing 6 s), the latest taking its turn 14 s from now: the next waits 20 s.
    await db.insert(signInAttempts).values(Array.from({ length: 10 }, (_, i) => ({ account: 'edge@a.test', address: `10.4.0.${i}`, at: at(i === 9 ? 14_000 : 0), state: 'failed' as const })));
    expect(await reserveAttempt(db, 'edge@a.test', '10.4.1.1', at(0))).toMatchObject({ kind: 'go', waitMs: MAX_WAIT_MS });
    expect(await reserveAttempt(db, 'edge@a.test', '10.4.1.2', at(0))).toMatchObject({ kind: 'busy', retryAfterSeconds: 7 });
  });

  it('remembers an address for thirty days after a success, and only after a success', async () => {
    const db = database().db;
    const failMany = async (account: string) => {
      for (let i = 0; i < 8; i++) {
        const v = await reserveAttempt(db, account, `10.5.0.${i}`, at(0));
        if (v.kind === 'go') await settleAttempt(db, v.attemptId, 'failed', { account, address: `10.5.0.${i}` }, at(0));
      }
    };
    await db.insert(signInKnownAddresses).values([
      { account: 'old-home@a.test', address: '10.6.0.1', lastAt: at(-30 * DAY + 60_000) },
      { account: 'stale-home@a.test', address: '10.6.0.1', lastAt: at(-30 * DAY - 60_000) },
    ]);
    await failMany('old-home@a.test');
    await failMany('stale-home@a.test');
    expect(await reserveAttempt(db, 'old-home@a.test', '10.6.0.1', at(0))).toMatchObject({ kind: 'go', waitMs: 0 });
    expect((await reserveAttempt(db, 'stale-home@a.test', '10.6.0.1', at(0))) as { waitMs: number }).toMatchObject({ kind: 'go', waitMs: expect.any(Number) });
    expect(((await reserveAttempt(db, 'stale-home@a.test', '10.6.0.2', at(0))) as { waitMs: number }).waitMs).toBeGreaterThan(0);
    // A check that could not be made (void) does not make its address known.
    const voided = await reserveAttempt(db, 'void@a.test', '10.7.0.1', at(0));
    if (voided.kind === 'go') await settleAttempt(db, voided.attemptId, 'void', { account: 'void@a.test', address: '10.7.0.1' }, at(0));
    expect(await db.select().from(signInKnownAddresses).where(sql`${signInKnownAddresses.account} = 'void@a.test'`)).toEqual([]);
  });

  it('keeps an attempt pending while its credentials are checked, failed once they are found wrong', async () => {
    const db = database().db;
    const v = await reserveAttempt(db, 'states@a.test', '10.10.0.1', at(0));
    if (v.kind !== 'go') throw new Error(v.kind);
    const state = async () => (await db.select({ state: signInAttempts.state }).from(signInAttempts).where(eq(signInAttempts.id, v.attemptId)))[0]?.state;
    expect(await state()).toBe('pending');
    await settleAttempt(db, v.attemptId, 'failed', { account: 'states@a.test', address: '10.10.0.1' }, at(0));
    expect(await state()).toBe('failed');
  });

  it('trims an account’s rows once they have left the window', async () => {
    const db = database().db;
    await fail('trim@a.test', '10.8.0.1', at(0));
    await fail('trim@a.test', '10.8.0.2', at(WINDOW_MS + 1000));
    const rows = await db.select({ address: signInAttempts.address }).from(signInAttempts).where(eq(signInAttempts.account, 'trim@a.test'));
    expect(rows).toEqual([{ address: '10.8.0.2' }]);
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

it('counts simultaneous attempts at one account from many addresses atomically: each waits its own turn', async () => {
  const server = await createServerDatabase();
  const [a, b] = [await openDatabase({ url: server.url }), await openDatabase({ url: server.url })];
  try {
    const now = new Date();
    const verdicts = await Promise.all(Array.from({ length: 8 }, (_, i) => reserveAttempt((i % 2 ? a : b).db, 'spread@a.test', `10.9.0.${i}`, now)));
    const waits = verdicts.map((v) => (v.kind === 'go' ? v.waitMs : -1)).sort((x, y) => x - y);
    // Failures 0–4 go at once; from the fifth on each waits longer than the one before.
    expect(waits).toEqual([0, 0, 0, 0, 0, 1000, 3000, 6000]);
  } finally {
    await a.close();
    await b.close();
    await server.drop();
  }
});

it('counts simultaneous attempts from one address at many accounts atomically: never more than the address limit', async () => {
  const server = await createServerDatabase();
  const [a, b] = [await openDatabase({ url: server.url }), await openDatabase({ url: server.url })];
  try {
    const now = new Date();
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => reserveAttempt((i % 2 ? a : b).db, `spray${i}@a.test`, '198.51.100.41', now)));
    expect(verdicts.filter((v) => v.kind === 'go')).toHaveLength(ADDRESS_LIMIT);
  } finally {
    await a.close();
    await b.close();
    await server.drop();
  }
});
