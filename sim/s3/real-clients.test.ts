import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { testGateway } from '../testing/harness';

/**
 * Real S3 clients against the simulator, as customers run them: s3cmd with its default settings
 * (region "US", which the simulator corrects by naming its own) and rclone (server-side copy for
 * moveto, multipart for a large file in sync). Both come from Debian; the test command installs them.
 */

const run = promisify(execFile);
const gw = testGateway();
let key: { id: string; secret: string };
let dir: string;

beforeAll(async () => {
  for (const tool of ['/usr/bin/s3cmd', '/usr/bin/rclone']) {
    expect(fs.existsSync(tool), `${tool} is missing: run the tests with npm test, which installs it`).toBe(true);
  }
  ({ key } = await gw.createUser('clients@example.com'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staas-clients-'));
});

const md5 = (file: string) => crypto.createHash('md5').update(fs.readFileSync(file)).digest('hex');

describe('s3cmd with its default configuration', () => {
  const s3cmd = (...args: string[]) => {
    const host = new URL(gw.sim.url).host;
    const config = path.join(dir, 's3cfg');
    fs.writeFileSync(config, `[default]\naccess_key = ${key.id}\nsecret_key = ${key.secret}\nhost_base = ${host}\nhost_bucket = ${host}\nuse_https = False\n`);
    return run('s3cmd', ['-c', config, ...args], { timeout: 60_000 });
  };

  it('makes a bucket, puts, gets, copies and deletes', async () => {
    const local = path.join(dir, 'hello.txt');
    fs.writeFileSync(local, 'hello from s3cmd\n');
    await s3cmd('mb', 's3://s3cmd-bucket');
    await s3cmd('put', local, 's3://s3cmd-bucket/docs/hello.txt');
    await s3cmd('cp', 's3://s3cmd-bucket/docs/hello.txt', 's3://s3cmd-bucket/docs/copy.txt');
    const back = path.join(dir, 'back.txt');
    await s3cmd('get', 's3://s3cmd-bucket/docs/copy.txt', back);
    expect(fs.readFileSync(back, 'utf8')).toBe('hello from s3cmd\n');
    await s3cmd('del', 's3://s3cmd-bucket/docs/hello.txt');
    const { stdout } = await s3cmd('ls', 's3://s3cmd-bucket/docs/');
    expect(stdout).toContain('s3://s3cmd-bucket/docs/copy.txt');
    expect(stdout).not.toContain('hello.txt');
  });
});

describe('rclone', () => {
  const rclone = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      RCLONE_CONFIG_SIM_TYPE: 's3',
      RCLONE_CONFIG_SIM_PROVIDER: 'Other',
      RCLONE_CONFIG_SIM_ACCESS_KEY_ID: key.id,
      RCLONE_CONFIG_SIM_SECRET_ACCESS_KEY: key.secret,
      RCLONE_CONFIG_SIM_ENDPOINT: gw.sim.url,
      RCLONE_CONFIG_SIM_REGION: 'us-east-1',
      RCLONE_CONFIG: path.join(dir, 'rclone.conf'),
    };
    // rclone refuses to start with AWS_CA_BUNDLE set to a file it cannot use.
    delete env.AWS_CA_BUNDLE;
    return run('rclone', [...args, '--s3-upload-cutoff', '5M', '--s3-chunk-size', '5M', '--retries', '1', '--low-level-retries', '1'], { env, timeout: 120_000 });
  };

  it('copies a file to a key, moves it by server-side copy, and syncs a folder of 50 files with one of 20 MiB', async () => {
    const local = path.join(dir, 'one.bin');
    fs.writeFileSync(local, crypto.randomBytes(4096));
    await rclone('mkdir', 'sim:rclone-bucket');
    await rclone('copyto', local, 'sim:rclone-bucket/in/one.bin');
    await rclone('moveto', 'sim:rclone-bucket/in/one.bin', 'sim:rclone-bucket/moved/one.bin');
    const listed = (await rclone('lsf', '-R', 'sim:rclone-bucket')).stdout.split('\n').filter(Boolean);
    expect(listed).toContain('moved/one.bin');
    expect(listed).not.toContain('in/one.bin');
    const back = path.join(dir, 'one-back.bin');
    await rclone('copyto', 'sim:rclone-bucket/moved/one.bin', back);
    expect(md5(back)).toBe(md5(local));

    const folder = path.join(dir, 'folder');
    fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
    for (let i = 0; i < 49; i++) fs.writeFileSync(path.join(folder, i % 2 ? 'sub' : '', `f${i}.txt`), `file ${i}\n`.repeat(i + 1));
    fs.writeFileSync(path.join(folder, 'big.bin'), crypto.randomBytes(20 * 1024 * 1024));
    await rclone('sync', folder, 'sim:rclone-bucket/folder');
    // rclone's own check: every file's size and hash equal on both sides (multipart ETags are checked by size).
    await rclone('check', folder, 'sim:rclone-bucket/folder');
    const remote = (await rclone('lsf', '-R', '--files-only', 'sim:rclone-bucket/folder')).stdout.split('\n').filter(Boolean);
    expect(remote).toHaveLength(50);
    const big = path.join(dir, 'big-back.bin');
    await rclone('copyto', 'sim:rclone-bucket/folder/big.bin', big);
    expect(md5(big)).toBe(md5(path.join(folder, 'big.bin')));

    // A file removed locally is removed by the next sync.
    fs.rmSync(path.join(folder, 'f0.txt'));
    await rclone('sync', folder, 'sim:rclone-bucket/folder');
    expect((await rclone('lsf', '-R', '--files-only', 'sim:rclone-bucket/folder')).stdout.split('\n').filter(Boolean)).toHaveLength(49);
  }, 180_000);
});
