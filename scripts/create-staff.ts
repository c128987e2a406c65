/**
 * Creates a staff account (the first admin, say), or with --reset sets a new password.
 *   npm run create-admin -- --email you@example.com --name "Your Name" [--role support] [--reset]
 * The password is read from the STAFF_PASSWORD environment variable, or generated and printed.
 * Uses DATABASE_URL, or the embedded database in CONSOLE_DATA_DIR (default .data/console), which
 * only one process may open at a time: stop the console first when it runs on the embedded one.
 */
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { upsertStaff } from '../lib/auth/staff';
import { openDatabase } from '../lib/db/client';

function fail(message: string): never {
  console.error(`create-staff: ${message}`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' }, reset: { type: 'boolean', default: false } },
  });
  if (!values.email) fail('--email is required');
  if (values.role !== 'admin' && values.role !== 'support') fail('--role must be admin or support');
  const generated = !process.env.STAFF_PASSWORD;
  const password = process.env.STAFF_PASSWORD ?? crypto.randomBytes(15).toString('base64url');
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.CONSOLE_DATA_DIR ?? '.data/console' });
  try {
    const { created } = await upsertStaff(
      database.db,
      { email: values.email, name: values.name ?? values.email.split('@')[0], role: values.role, password },
      { reset: values.reset },
    );
    console.log(`${created ? 'Created' : 'Reset'} ${values.role} ${values.email.toLowerCase()}`);
    if (generated) console.log(`Password: ${password}`);
  } catch (error) {
    fail((error as Error).message);
  } finally {
    await database.close();
  }
}

main();
