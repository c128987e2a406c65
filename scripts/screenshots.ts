/**
 * Screenshots of the console with the demo data, for the README and for reviewing layout changes:
 * the user page on a phone (390 px) and on a desktop, the usage page on both, the users list on a
 * phone. Needs a build (npm run build).
 *
 *   npm run screenshots [-- --out docs/screenshots]
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startStack } from '../bench/console-stack';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

async function settle(stack: Awaited<ReturnType<typeof startStack>>, kind: 'collect' | 'sample') {
  await stack.send('POST', `/api/usage/jobs/${kind}`);
  for (let i = 0; i < 200; i++) {
    const { job } = (await (await stack.get(`/api/usage/jobs/${kind}`)).json()) as { job: { state: string } | null };
    if (job && job.state !== 'running' && job.state !== 'queued') return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const outIndex = process.argv.indexOf('--out');
  const out = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : 'docs/screenshots');
  fs.mkdirSync(out, { recursive: true });
  const stack = await startStack('demo');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await settle(stack, 'sample');
    await settle(stack, 'collect');
    const users = (await (await stack.get('/api/users?pageSize=100')).json()) as { items: { id: string; email: string }[] };
    const user = users.items.find((u) => u.email.startsWith('alice')) ?? users.items[0];
    const cookies = stack.cookies.map((c) => {
      const [name, ...value] = c.split('=');
      return { name, value: value.join('='), url: stack.base };
    });
    const shots: [string, string, { width: number; height: number }][] = [
      ['user-390.png', `/users/${user.id}`, PHONE],
      ['user-desktop.png', `/users/${user.id}`, DESKTOP],
      ['usage-390.png', '/usage', PHONE],
      ['usage-desktop.png', '/usage', DESKTOP],
      ['users-390.png', '/users', PHONE],
    ];
    for (const [file, page, viewport] of shots) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      await context.addCookies(cookies);
      const tab = await context.newPage();
      await tab.goto(`${stack.base}${page}`, { waitUntil: 'networkidle' });
      await tab.screenshot({ path: path.join(out, file), fullPage: true });
      await context.close();
      console.log(path.relative(process.cwd(), path.join(out, file)));
    }
  } finally {
    await browser.close();
    stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
