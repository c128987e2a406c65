import fs from 'node:fs';
import path from 'node:path';
import { holdPidFile } from '../../common/pid-file';
import { PRIVATE_FILE, privateFolder } from './private-files';

/** One change to one record: `v === null` deletes it. */
export interface Op {
  c: string;
  k: string;
  v: unknown;
}

interface Entry {
  seq: number;
  ops: Op[];
}

const SNAPSHOT = 'snapshot.jsonl';
const JOURNAL = 'journal.jsonl';
/** The journal is folded into a fresh snapshot once it grows past this. */
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

/**
 * Crash-safe persistence: every commit is one line appended to the journal before the caller
 * answers; a snapshot (written to a temporary file, synced, then renamed over the old one)
 * replaces the journal from time to time. A kill -9 can only leave a torn last journal line,
 * which is recognised (no newline, or not JSON) and dropped on load.
 */
export class Journal {
  private fd: number;
  private size: number;
  private seq: number;

  private constructor(
    private readonly dir: string,
    seq: number,
    private readonly release: () => void,
  ) {
    const file = path.join(dir, JOURNAL);
    this.fd = fs.openSync(file, 'a', PRIVATE_FILE);
    this.size = fs.fstatSync(this.fd).size;
    this.seq = seq;
  }

  /** Reads the snapshot, then the journal, handing every op to `apply` in commit order. */
  static open(dir: string, apply: (op: Op) => void): Journal {
    privateFolder(dir);
    // One process per data folder: a second writer would interleave its journal with the first's.
    const release = holdPidFile(path.join(dir, LOCK), (holder) => `The data folder ${dir} is in use by process ${holder}`);
    fs.chmodSync(path.join(dir, LOCK), PRIVATE_FILE);
    let seq = 0;
    const snapshotFile = path.join(dir, SNAPSHOT);
    if (fs.existsSync(snapshotFile)) {
      const lines = readLines(snapshotFile);
      const header = JSON.parse(lines.complete[0] ?? '{"seq":0}') as { seq: number; records?: number };
      seq = header.seq;
      const records = lines.complete.slice(1);
      if (header.records !== undefined && records.length !== header.records) {
        throw new Error(`snapshot ${snapshotFile} is incomplete: ${records.length} of ${header.records} records`);
      }
      for (const line of records) apply(JSON.parse(line) as Op);
    }
    const journalFile = path.join(dir, JOURNAL);
    if (fs.existsSync(journalFile)) {
      const lines = readLines(journalFile);
      let goodBytes = 0;
      for (const line of lines.complete) {
        let entry: Entry;
        try {
          entry = JSON.parse(line) as Entry;
        } catch {
          break;
        }
        goodBytes += Buffer.byteLength(line) + 1;
        if (entry.seq <= seq) continue;
        for (const op of entry.ops) apply(op);
        seq = entry.seq;
      }
      if (goodBytes < fs.statSync(journalFile).size) fs.truncateSync(journalFile, goodBytes);
    }
    return new Journal(dir, seq, release);
  }

  append(ops: Op[]): void {
    if (ops.length === 0) return;
    this.seq += 1;
    const line = Buffer.from(JSON.stringify({ seq: this.seq, ops }) + '\n');
    let written = 0;
    while (written < line.length) written += fs.writeSync(this.fd, line, written);
    this.size += line.length;
  }

  get needsCompaction(): boolean {
    return this.size > COMPACT_AFTER_BYTES;
  }

  /** Writes every record as a new snapshot, then empties the journal. */
  compact(records: Iterable<Op>, count: number): void {
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    const fd = fs.openSync(tmp, 'w', PRIVATE_FILE);
    let buffer: string[] = [JSON.stringify({ seq: this.seq, records: count })];
    let pending = 0;
    const flush = () => {
      const chunk = Buffer.from(buffer.join('\n') + '\n');
      let written = 0;
      while (written < chunk.length) written += fs.writeSync(fd, chunk, written);
      buffer = [];
      pending = 0;
    };
    for (const op of records) {
      const line = JSON.stringify(op);
      buffer.push(line);
      pending += line.length;
      if (pending > 1 << 20) flush();
    }
    flush();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
    syncDir(this.dir);
    // A crash before this truncation is harmless: journal entries at or below the snapshot's
    // sequence number are skipped on load.
    fs.ftruncateSync(this.fd, 0);
    this.size = 0;
  }

  close(): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.release();
  }
}

const LOCK = 'owner.pid';

function readLines(file: string): { complete: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const parts = text.split('\n');
  // The text after the last newline is a torn write (or empty): it is not a complete line.
  parts.pop();
  return { complete: parts.filter((line) => line.length > 0) };
}

export function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
