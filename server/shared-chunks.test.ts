import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shareIdenticalChunks } from './shared-chunks.mjs';

const require = createRequire(import.meta.url);
const runs = globalThis as unknown as { chunkRuns?: string[] };

/**
 * A chunk as Turbopack writes one: a list of module ids and factories, then its source map's name
 * (where copies differ). Each load of it is noted in `chunkRuns`.
 */
const chunk = (body: string, map: string) => `globalThis.chunkRuns.push(${JSON.stringify(body)});\nmodule.exports=[1,e=>{${body}}];\n//# sourceMappingURL=${map}`;

describe('identical server chunks', () => {
  let undo: (() => void) | null = null;
  afterEach(() => undo?.());

  it('are loaded once: a copy under another name is answered with the first load, a different chunk is loaded', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chunks-'));
    fs.mkdirSync(path.join(dir, 'chunks/ssr'), { recursive: true });
    const write = (file: string, text: string) => fs.writeFileSync(path.join(dir, file), text);
    write('chunks/a.js', chunk('return 1', 'a.js.map'));
    write('chunks/b.js', chunk('return 1', 'b.js.map'));
    write('chunks/ssr/c.js', chunk('return 1', 'c.js.map'));
    write('chunks/d.js', chunk('return 2', 'd.js.map'));
    write('outside.js', chunk('return 1', 'outside.js.map'));
    write('outside-copy.js', chunk('return 1', 'outside.js.map'));
    runs.chunkRuns = [];
    undo = shareIdenticalChunks(path.join(dir, 'chunks'));

    const a = require(path.join(dir, 'chunks/a.js')) as unknown[];
    expect(require(path.join(dir, 'chunks/b.js'))).toBe(a);
    expect(require(path.join(dir, 'chunks/ssr/c.js'))).toBe(a);
    const d = require(path.join(dir, 'chunks/d.js')) as unknown[];
    expect(d).not.toBe(a);
    expect((d[1] as () => number)()).toBe(2);
    expect(runs.chunkRuns).toEqual(['return 1', 'return 2']);

    // Outside the chunks' folder every file loads as Node loads it.
    require(path.join(dir, 'outside.js'));
    require(path.join(dir, 'outside-copy.js'));
    expect(runs.chunkRuns).toHaveLength(4);
    fs.rmSync(dir, { recursive: true });
  });

  it('shares no failed load: a copy of a chunk that threw throws too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chunks-'));
    const broken = 'module.exports=[1,e=>{}];\nthrow new Error("broken chunk");\n//# sourceMappingURL=';
    fs.writeFileSync(path.join(dir, 'a.js'), `${broken}a.js.map`);
    fs.writeFileSync(path.join(dir, 'b.js'), `${broken}b.js.map`);
    undo = shareIdenticalChunks(dir);
    expect(() => require(path.join(dir, 'a.js'))).toThrow('broken chunk');
    expect(() => require(path.join(dir, 'b.js'))).toThrow('broken chunk');
    fs.rmSync(dir, { recursive: true });
  });

  it('stands aside on a Node without CommonJS’s loader table', () => {
    const table = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
    const loadJs = table['.js'];
    delete table['.js'];
    try {
      shareIdenticalChunks(os.tmpdir())();
      expect(table['.js']).toBeUndefined();
    } finally {
      table['.js'] = loadJs;
    }
  });

  it('is what the server does, in production only', () => {
    const text = fs.readFileSync('server/index.mjs', 'utf8');
    expect(text).toMatch(/if \(!dev\) shareIdenticalChunks\(path\.join\(root, '\.next\/server\/chunks'\)\);/);
  });
});
