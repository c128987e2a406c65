import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './node-flags.mjs';

describe("the server's Node options", () => {
  it('are the ones npm start runs it with, and this Node accepts them', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} server/index.mjs`);
    const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('are used wherever the server is started: the demo, the browser tests and the benchmarks', () => {
    for (const file of ['scripts/demo.ts', 'e2e/serve.ts', 'e2e/instance.ts', 'bench/console-stack.ts']) {
      const text = fs.readFileSync(file, 'utf8');
      const starts = [...text.matchAll(/spawn\(process\.execPath, \[(.*?)'server\/index\.mjs'/g)];
      expect(starts.length, file).toBeGreaterThan(0);
      for (const [, before] of starts) expect(before, file).toContain('...SERVER_NODE_FLAGS');
    }
  });
});
