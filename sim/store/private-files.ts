import fs from 'node:fs';
import path from 'node:path';

/**
 * The data folder holds every user's secret key: only the simulator's own user may read it.
 * Folders are 0700 and files 0600, also for a folder made by an older version.
 */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_FOLDER = 0o700;

export function privateFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER });
  fs.chmodSync(dir, PRIVATE_FOLDER);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) fs.chmodSync(path.join(dir, entry.name), PRIVATE_FILE);
  }
}
