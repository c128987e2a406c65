import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { lockFolder, openDatabase } from './client';
import { EmbeddedThread } from './embedded-thread';

const folder = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'folder-lock-')), 'console');

describe('the embedded database folder lock', () => {
  it('refuses a second opening while a live process holds the folder, and takes over a dead one’s', async () => {
    const dir = folder();
    const other = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(`${dir}.lock`, String(other.pid));
      expect(() => lockFolder(dir)).toThrow(new RegExp(`open in process ${other.pid} .*DATABASE_URL`));
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.once('exit', r));
    }
    const release = lockFolder(dir);
    expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    expect(() => lockFolder(dir)).toThrow(/already open in this process/);
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it('is held while the database is open and let go when it closes', async () => {
    const dir = folder();
    const database = await openDatabase({ dataDir: dir });
    try {
      expect(fs.readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open in this process/);
    } finally {
      await database.close();
    }
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it('is let go, the database closed first, when its migrations cannot be applied', async () => {
    const dir = folder();
    const first = await openDatabase({ dataDir: dir });
    // Forgotten migrations: the next open applies the first again, and it fails (its tables exist).
    await first.db.execute('delete from drizzle.__drizzle_migrations');
    await first.close();
    const close = vi.spyOn(EmbeddedThread.prototype, 'close');
    try {
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/Failed query: CREATE TABLE/);
      expect(close).toHaveBeenCalledTimes(1);
      expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    } finally {
      close.mockRestore();
    }
  });
});
