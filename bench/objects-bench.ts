/**
 * The object browser's byte path: a 1 GB upload and download through the console (as the browser
 * does it: parts of 8 MiB, three in flight, each streamed by the console to the gateway; the
 * download streamed back) against aws-cli talking straight to the gateway, with the console
 * server's resident memory sampled all along. Prints a table of times, their ratio, and the
 * console's memory growth.
 *
 *   npm run build && npm run bench:objects [-- --size-mb 1024]
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { call } from '../sim/testing/client';
import { median, startStack, timed, treeRss } from './console-stack';

const run = promisify(execFile);
const PART = 8 * 1024 * 1024;
const sizeMb = Number(process.argv[process.argv.indexOf('--size-mb') + 1]) || 1024;
const aws = fs.existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

/** Samples a process tree's resident memory every 50 ms until stopped; returns the peak in MB. */
function sampler(pid: number) {
  let peak = treeRss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 50);
  return () => {
    clearInterval(timer);
    return Math.max(peak, treeRss(pid));
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'objects-bench-'));
  const file = path.join(dir, 'payload.bin');
  const size = sizeMb * 1024 * 1024;
  {
    const out = fs.openSync(file, 'w');
    const chunk = crypto.randomBytes(PART);
    for (let at = 0; at < size; at += PART) fs.writeSync(out, chunk, 0, Math.min(PART, size - at));
    fs.closeSync(out);
  }
  const stack = await startStack('users:0');
  try {
    const created = await (await stack.send('POST', '/api/users', { email: 'bench-objects@example.com' })).json();
    const key = { id: created.keyPair.accessKeyId as string, secret: created.keyPair.secretKey as string };
    const bucket = 'bench-objects';
    if ((await call(stack.simUrl, 'PUT', `/${bucket}`, key)).status !== 200) throw new Error('bucket not made');
    const base = `/api/buckets/${bucket}`;
    const headers = { cookie: stack.cookies.join('; '), origin: stack.base };
    const api = async (method: string, p: string, body?: unknown) => {
      const r = await stack.send(method, p, body);
      if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${await r.text()}`);
      return r.json();
    };

    // Warm the routes (first compilation of each handler, connection set-up).
    await api('POST', `${base}/folders`, { prefix: '', name: 'warm' });
    const idle = treeRss(stack.serverPid);

    // Through the console, as the browser uploads.
    let stop = sampler(stack.serverPid);
    const [consoleUp] = await timed(async () => {
      const { uploadId } = await api('POST', `${base}/uploads`, { key: 'via-console.bin' });
      const count = Math.ceil(size / PART);
      const parts: { part: number; etag: string }[] = [];
      const fd = fs.openSync(file, 'r');
      let next = 0;
      const worker = async () => {
        while (next < count) {
          const i = next++;
          const length = Math.min(PART, size - i * PART);
          const bytes = Buffer.alloc(length);
          fs.readSync(fd, bytes, 0, length, i * PART);
          const r = await fetch(`${stack.base}${base}/uploads/${uploadId}?key=via-console.bin&part=${i + 1}`, {
            method: 'PUT',
            headers: { ...headers, 'content-type': 'application/octet-stream', 'content-length': String(length) },
            body: bytes,
          });
          if (!r.ok) throw new Error(`part ${i + 1}: ${r.status} ${await r.text()}`);
          parts.push(await r.json());
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      fs.closeSync(fd);
      await api('POST', `${base}/uploads/${uploadId}`, { key: 'via-console.bin', parts: parts.sort((a, b) => a.part - b.part) });
    });
    const upPeak = stop();

    stop = sampler(stack.serverPid);
    const [consoleDown, downBytes] = await timed(async () => {
      const r = await fetch(`${stack.base}${base}/object/content?key=via-console.bin`, { headers });
      if (!r.ok || !r.body) throw new Error(`download: ${r.status}`);
      const out = fs.createWriteStream(path.join(dir, 'back-console.bin'));
      let n = 0;
      for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
        n += chunk.length;
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
      await new Promise<void>((resolve) => out.end(() => resolve()));
      return n;
    });
    const downPeak = stop();
    if (downBytes !== size) throw new Error(`downloaded ${downBytes} of ${size} bytes`);

    // Straight to the gateway with aws-cli.
    const env = { ...process.env, AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret, AWS_DEFAULT_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null' };
    const cli = (...args: string[]) => run(aws, ['--endpoint-url', stack.simUrl, ...args], { env, maxBuffer: 1 << 24 });
    const [cliUp] = await timed(() => cli('s3', 'cp', '--only-show-errors', file, `s3://${bucket}/via-cli.bin`));
    const [cliDown] = await timed(() => cli('s3', 'cp', '--only-show-errors', `s3://${bucket}/via-cli.bin`, path.join(dir, 'back-cli.bin')));
    const same = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, 'back-console.bin'))).digest('hex') === crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

    // Paging at a million objects: the first page (the gateway sorts its keys once), then pages by token.
    const big = 'bench-million';
    await call(stack.simUrl, 'PUT', `/${big}`, key);
    const [seedMs] = await timed(async () => {
      for (let i = 0; i < 10; i++) {
        const r = await fetch(`${stack.simUrl}/__sim/objects/bulk`, { method: 'POST', body: JSON.stringify({ bucket: big, prefix: `part-${i}/`, count: 100_000 }) });
        if (!r.ok) throw new Error(`bulk: ${await r.text()}`);
      }
    });
    const list = async (q: string) => {
      const r = await stack.get(`/api/buckets/${big}/objects${q}`);
      if (!r.ok) throw new Error(`list: ${r.status} ${await r.text()}`);
      return r.json() as Promise<{ nextToken: string | null; objects: unknown[] }>;
    };
    const [firstPage] = await timed(() => list('?prefix=part-5%2F'));
    const pageTimes: number[] = [];
    let token: string | null = (await list('?prefix=part-5%2F')).nextToken;
    for (let i = 0; i < 50 && token; i++) {
      const [ms, page] = await timed(() => list(`?prefix=part-5%2F&token=${encodeURIComponent(token!)}`));
      pageTimes.push(ms);
      token = page.nextToken;
    }
    const searchTimes: number[] = [];
    for (let i = 0; i < 20; i++) searchTimes.push((await timed(() => list(`?prefix=part-${i % 10}%2F&search=object-${String(i * 4999).padStart(6, '0').slice(0, 4)}`)))[0]);
    const topTimes: number[] = [];
    for (let i = 0; i < 20; i++) topTimes.push((await timed(() => list('')))[0]);

    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const rate = (ms: number) => `${((size / 1024 / 1024) / (ms / 1000)).toFixed(0)} MiB/s`;
    console.log(`\nObject bytes through the console vs aws-cli straight to the gateway: ${sizeMb} MiB, ${os.cpus().length} cores\n`);
    console.log('| direction | console (browser path) | aws-cli direct | ratio |');
    console.log('|---|---|---|---|');
    console.log(`| upload | ${s(consoleUp)} (${rate(consoleUp)}) | ${s(cliUp)} (${rate(cliUp)}) | ${(consoleUp / cliUp).toFixed(2)} |`);
    console.log(`| download | ${s(consoleDown)} (${rate(consoleDown)}) | ${s(cliDown)} (${rate(cliDown)}) | ${(consoleDown / cliDown).toFixed(2)} |`);
    console.log(`\nConsole server memory: ${idle} MB before; peak ${upPeak} MB during the upload (+${upPeak - idle} MB), ${downPeak} MB during the download (+${downPeak - idle} MB).`);
    console.log(`Downloaded bytes identical to the file: ${same ? 'yes' : 'NO'}`);
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`\nA bucket of 1,000,000 objects in 10 folders (made in ${(seedMs / 1000).toFixed(1)} s), listed through the console, 100 a page:`);
    console.log(`  first page of a folder ${ms(firstPage)} (the gateway sorts the bucket's keys once); next pages, median of ${pageTimes.length}: ${ms(median(pageTimes))}`);
    console.log(`  search by name in a folder, median of 20: ${ms(median(searchTimes))}; the top level (10 folders), median of 20: ${ms(median(topTimes))}`);
    console.log(`  console server memory after: ${treeRss(stack.serverPid)} MB`);
  } finally {
    stack.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
