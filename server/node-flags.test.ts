import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './node-flags.mjs';

describe("the server's Node options", () => {
  it('are the ones npm start runs it with, and this Node accepts them', () => {
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} server/index.mjs`);
    // The collector for cron does the server's work: it runs under the same options.
    expect(pkg.scripts['collect-usage']).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} --conditions=react-server --import tsx scripts/collect-usage.ts`);
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

  it('keep what parsing statistics objects leaves out of the old generation', () => {
    // The collector's readers parse objects of 100 items and keep a few while they are stored.
    // Without --no-allocation-site-pretenuring, V8 made them in the old generation from early on
    // in about half the runs, and 4,000 parses then took 10–12 full collections instead of 1.
    const script = `
      import { constants, PerformanceObserver } from 'node:perf_hooks';
      import { parseStatisticsObject } from ${JSON.stringify(path.resolve('lib/usage/statistics-object.ts'))};
      import { usageObjectJson } from ${JSON.stringify(path.resolve('sim/usage/recorder.ts'))};
      const items = Array.from({ length: 100 }, (_, i) => ({
        key: { bucket: 'bucket-' + i, epoch: 0, user_id: (0x1000000000000000n + BigInt(i % 50)).toString(16), tag: '' },
        counters: { ops: { put: 1, get: 2 + i, list: 3, other: 4 }, net_io: { uploaded: 1000 * i, downloaded: 3000 } },
      }));
      const body = usageObjectJson('8000000000000099', 0, 60_000, items);
      let full = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++;
      }).observe({ entryTypes: ['gc'] });
      const kept = [];
      for (let i = 0; i < 4000; i++) {
        const parsed = parseStatisticsObject(body);
        if (!parsed.ok) throw new Error(parsed.reason);
        kept.push(parsed.object);
        if (kept.length > 8) kept.shift();
        if (i % 32 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      console.log(JSON.stringify({ full, kept: kept.length }));
    `;
    // Four runs: one alone would pass by luck half the time without the option.
    for (let i = 0; i < 4; i++) {
      const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const { full, kept } = JSON.parse(run.stdout) as { full: number; kept: number };
      expect(kept).toBe(8);
      expect(full).toBeLessThanOrEqual(3);
    }
  }, 120_000);
});
