import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../server';
import { makeGateway } from '../testing/harness';

/** Every folder and file under `dir`, with its permission bits. */
function modes(dir: string): [string, number][] {
  const found: [string, number][] = [[dir, fs.statSync(dir).mode & 0o777]];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...modes(full));
    else found.push([full, fs.statSync(full).mode & 0o777]);
  }
  return found;
}

describe('the simulator’s data folder, which holds every secret key', () => {
  it('is readable by its owner only: folders 0700, files 0600, also a folder made before', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-private-'));
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'journal.jsonl'), '', { mode: 0o644 });
    const sim = await startSimulator({ dataDir: dir });
    try {
      const gw = makeGateway(sim);
      const { key } = await gw.createUser('private@example.com');
      await gw.as(key, 'PUT', '/private-bucket');
      await gw.as(key, 'PUT', '/private-bucket/object', { body: 'secret contents' });
      sim.store.compact();
      const found = modes(dir);
      expect(found.length).toBeGreaterThan(4);
      for (const [file, mode] of found) expect([file, mode.toString(8)]).toEqual([file, fs.statSync(file).isDirectory() ? '700' : '600']);
      const secrets = found.filter(([f]) => !fs.statSync(f).isDirectory()).map(([f]) => fs.readFileSync(f, 'utf8')).join('');
      expect(secrets).toContain(key.secret);
    } finally {
      await sim.close();
    }
  });
});
