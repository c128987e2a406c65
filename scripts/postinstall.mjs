// After `npm ci` / `npm install`: prepares the embedded database's template (scripts/prepare-database.ts).
// It only saves time at the first start, so it never fails an install: without the dev tools
// (a production install) or on any error it says so and the console makes the template itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const tsx = 'node_modules/.bin/tsx';
if (!fs.existsSync(tsx)) {
  console.log('postinstall: tsx is not installed; the embedded database template is made at the first start');
} else {
  const run = spawnSync(tsx, ['scripts/prepare-database.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) console.log('postinstall: the embedded database template was not made; it is made at the first start');
}
