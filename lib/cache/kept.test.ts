import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Answers kept per key: read once while news arrives, afresh when it cannot, bounded in time and number. */

const news = vi.hoisted(() => ({ arrive: true }));
vi.mock('./invalidation', () => ({ invalidationsArrive: () => news.arrive }));

const { keptPerKey } = await import('./kept');

let made = 0;
/** A store of its own for each test, over a read that counts and answers `<key>#<n>` (the nth read of any key). */
function store(options: { ttlMs?: number; limit?: number; keep?: (value: string) => boolean; fail?: (key: string) => boolean } = {}) {
  const reads: string[] = [];
  const kept = keptPerKey<string>(`test-${(made += 1)}`, {
    ttlMs: options.ttlMs ?? 60_000,
    limit: options.limit ?? 100,
    keep: options.keep,
    read: async (key) => {
      reads.push(key);
      if (options.fail?.(key)) throw new Error(`${key} failed`);
      return `${key}#${reads.length}`;
    },
  });
  return { kept, reads };
}

beforeEach(() => {
  news.arrive = true;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('keptPerKey', () => {
  it('reads a key once while news arrives, and again once forgotten or cleared', async () => {
    const { kept, reads } = store();
    expect(await kept.get('a')).toBe('a#1');
    expect(await kept.get('a')).toBe('a#1');
    expect(await kept.get('b')).toBe('b#2');
    kept.forget('a');
    expect(await kept.get('a')).toBe('a#3');
    expect(await kept.get('b')).toBe('b#2');
    kept.clear();
    expect(await kept.get('b')).toBe('b#4');
    expect(reads).toEqual(['a', 'b', 'a', 'b']);
  });

  it('asks at the same time share one read', async () => {
    const { kept, reads } = store();
    expect(await Promise.all([kept.get('a'), kept.get('a'), kept.get('a')])).toEqual(['a#1', 'a#1', 'a#1']);
    expect(reads).toEqual(['a']);
  });

  it('reads every time, and keeps nothing, while news cannot arrive', async () => {
    const { kept, reads } = store();
    news.arrive = false;
    expect(await kept.get('a')).toBe('a#1');
    expect(await kept.get('a')).toBe('a#2');
    expect(kept.size).toBe(0);
    news.arrive = true;
    expect(await kept.get('a')).toBe('a#3');
    expect(await kept.get('a')).toBe('a#3');
    expect(reads).toHaveLength(3);
  });

  it('reads a key again once it is older than its time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { kept } = store({ ttlMs: 1000 });
    expect(await kept.get('a')).toBe('a#1');
    vi.advanceTimersByTime(999);
    expect(await kept.get('a')).toBe('a#1');
    vi.advanceTimersByTime(1);
    expect(await kept.get('a')).toBe('a#2');
    expect(await kept.get('a')).toBe('a#2');
  });

  it('keeps `limit` keys at most, dropping the oldest read', async () => {
    const { kept, reads } = store({ limit: 3 });
    for (const key of ['a', 'b', 'c']) await kept.get(key);
    kept.forget('b');
    await kept.get('b'); // read again: now the newest
    await kept.get('d'); // no room: 'a' goes
    expect(kept.size).toBe(3);
    expect(await kept.get('c')).toBe('c#3');
    expect(await kept.get('b')).toBe('b#4');
    expect(await kept.get('d')).toBe('d#5');
    expect(await kept.get('a')).toBe('a#6');
    expect(kept.size).toBe(3);
    expect(reads).toEqual(['a', 'b', 'c', 'b', 'd', 'a']);
  });

  it('keeps neither a failed read nor an answer it is told to turn down', async () => {
    const { kept, reads } = store({ fail: (key) => key === 'bad', keep: (value) => !value.startsWith('none') });
    await expect(kept.get('bad')).rejects.toThrow('bad failed');
    await expect(kept.get('bad')).rejects.toThrow('bad failed');
    expect(await kept.get('none')).toBe('none#3');
    expect(await kept.get('none')).toBe('none#4');
    expect(await kept.get('some')).toBe('some#5');
    expect(await kept.get('some')).toBe('some#5');
    expect(kept.size).toBe(1);
    expect(reads).toEqual(['bad', 'bad', 'none', 'none', 'some']);
  });

  it('a read forgotten while under way answers its askers but is not kept', async () => {
    let finish!: (value: string) => void;
    let reads = 0;
    const kept = keptPerKey<string>(`test-${(made += 1)}`, { ttlMs: 60_000, limit: 10, read: () => (reads += 1) === 1 ? new Promise((resolve) => (finish = resolve)) : Promise.resolve('after') });
    const first = kept.get('a');
    kept.forget('a');
    finish('before');
    expect(await first).toBe('before');
    expect(await kept.get('a')).toBe('after');
    expect(reads).toBe(2);
  });

  it('one store per name in a process, however many times it is made', async () => {
    const read = vi.fn(async (key: string) => key);
    const one = keptPerKey('test-shared', { ttlMs: 60_000, limit: 10, read });
    const again = keptPerKey('test-shared', { ttlMs: 60_000, limit: 10, read });
    await one.get('a');
    expect(again.size).toBe(1);
    again.clear();
    expect(one.size).toBe(0);
  });
});
