import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal, type Op } from './journal';

function tmpDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sim-journal-'));
}

function load(dir: string) {
  const state = new Map<string, unknown>();
  const journal = Journal.open(dir, (op: Op) => (op.v === null ? state.delete(op.k) : state.set(op.k, op.v)));
  return { state, journal };
}

describe('journal', () => {
  it('replays committed batches in order', () => {
    const dir = tmpDir();
    const { journal } = load(dir);
    journal.append([{ c: 'x', k: 'a', v: 1 }, { c: 'x', k: 'b', v: 2 }]);
    journal.append([{ c: 'x', k: 'a', v: null }]);
    journal.close();
    expect([...load(dir).state]).toEqual([['b', 2]]);
  });

  it('drops a torn last line (a kill mid-write) and truncates it away', () => {
    const dir = tmpDir();
    const { journal } = load(dir);
    journal.append([{ c: 'x', k: 'a', v: 1 }]);
    journal.close();
    const file = path.join(dir, 'journal.jsonl');
    const good = fs.statSync(file).size;
    fs.appendFileSync(file, '{"seq":2,"ops":[{"c":"x","k":"b","v"');
    const reopened = load(dir);
    expect([...reopened.state]).toEqual([['a', 1]]);
    expect(fs.statSync(file).size).toBe(good);
    reopened.journal.append([{ c: 'x', k: 'c', v: 3 }]);
    reopened.journal.close();
    expect([...load(dir).state]).toEqual([['a', 1], ['c', 3]]);
  });

  it('compacts into a snapshot; journal lines the snapshot already holds are skipped', () => {
    const dir = tmpDir();
    const { journal, state } = load(dir);
    journal.append([{ c: 'x', k: 'a', v: 1 }]);
    state.set('a', 1);
    const journalCopy = fs.readFileSync(path.join(dir, 'journal.jsonl'));
    journal.compact([{ c: 'x', k: 'a', v: 1 }], 1);
    // As if the process died between renaming the snapshot and emptying the journal:
    fs.writeFileSync(path.join(dir, 'journal.jsonl'), journalCopy);
    journal.append([{ c: 'x', k: 'b', v: 2 }]);
    journal.close();
    expect([...load(dir).state]).toEqual([['a', 1], ['b', 2]]);
  });

  it('refuses a snapshot that lost records rather than starting with part of the state', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'snapshot.jsonl'), '{"seq":3,"records":2}\n{"c":"x","k":"a","v":1}\n');
    expect(() => load(dir)).toThrow(/incomplete/);
  });
});

describe('data folder lock', () => {
  it('refuses a folder another live process holds, and takes over from a dead one', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'owner.pid'), String(process.ppid));
    expect(() => load(dir)).toThrow(/in use by process/);
    fs.writeFileSync(path.join(dir, 'owner.pid'), '999999999');
    const { journal } = load(dir);
    journal.close();
    expect(fs.existsSync(path.join(dir, 'owner.pid'))).toBe(false);
  });
});
