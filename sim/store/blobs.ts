import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE, privateFolder } from './private-files';

/** Object bodies: in memory, or one file each under `<data>/objects`. */
export interface BlobStore {
  put(data: Buffer): string;
  get(id: string): Buffer;
  remove(id: string): void;
  /** Drops bodies that no record points at (left by a crash between writing and committing). */
  sweep(live: Set<string>): void;
}

export function memoryBlobs(): BlobStore {
  const blobs = new Map<string, Buffer>();
  return {
    put(data) {
      const id = crypto.randomUUID();
      blobs.set(id, data);
      return id;
    },
    get(id) {
      return blobs.get(id) ?? Buffer.alloc(0);
    },
    remove(id) {
      blobs.delete(id);
    },
    sweep(live) {
      for (const id of blobs.keys()) if (!live.has(id)) blobs.delete(id);
    },
  };
}

export function fileBlobs(dir: string): BlobStore {
  privateFolder(dir);
  return {
    put(data) {
      const id = crypto.randomUUID();
      const tmp = path.join(dir, `${id}.tmp`);
      fs.writeFileSync(tmp, data, { mode: PRIVATE_FILE });
      fs.renameSync(tmp, path.join(dir, id));
      return id;
    },
    get(id) {
      return fs.readFileSync(path.join(dir, id));
    },
    remove(id) {
      fs.rmSync(path.join(dir, id), { force: true });
    },
    sweep(live) {
      for (const name of fs.readdirSync(dir)) if (!live.has(name)) fs.rmSync(path.join(dir, name), { force: true });
    },
  };
}
