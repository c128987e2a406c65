/**
 * Creates an API token for a billing system and prints it (once: only its hash is kept).
 *   npm run create-token -- --name "WHMCS production" --scopes provisioning,usage:read,sso [--expires 2027-12-31] [--allow 203.0.113.7,10.0.0.0/8]
 * Same rules as the API tokens page. Uses DATABASE_URL, or the embedded database in
 * CONSOLE_DATA_DIR (default .data/console), which only one process may open at a time.
 */
import { parseArgs } from 'node:util';
import { API_SCOPES, createToken, parseCidr } from '../lib/api-tokens/tokens';
import { openDatabase } from '../lib/db/client';
import type { ApiScope } from '../lib/db/schema';

function fail(message: string): never {
  console.error(`create-token: ${message}`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({ options: { name: { type: 'string' }, scopes: { type: 'string' }, expires: { type: 'string' }, allow: { type: 'string' } } });
  const name = values.name?.trim();
  if (!name || name.length > 100) fail('--name is required (at most 100 characters)');
  const scopes = (values.scopes ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (scopes.length === 0) fail(`--scopes is required: a comma-separated list of ${API_SCOPES.join(', ')}`);
  const unknown = scopes.find((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown) fail(`unknown scope "${unknown}": use ${API_SCOPES.join(', ')}`);
  let expiresAt: Date | null = null;
  if (values.expires) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expires) || Number.isNaN(Date.parse(values.expires))) fail('--expires is a date, YYYY-MM-DD');
    expiresAt = new Date(`${values.expires}T23:59:59Z`);
    if (expiresAt.getTime() < Date.now()) fail('--expires has passed');
  }
  const allowed = (values.allow ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = allowed.find((c) => !parseCidr(c));
  if (bad) fail(`--allow: "${bad}" is not an address or CIDR block`);
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.CONSOLE_DATA_DIR ?? '.data/console' });
  try {
    const { row, token } = await createToken(database.db, { name, scopes: scopes as ApiScope[], expiresAt, allowedCidrs: allowed, createdBy: 'create-token (command line)' });
    console.log(`Created API token "${row.name}" (${row.scopes.join(', ')})`);
    console.log(`Token: ${token}`);
  } finally {
    await database.close();
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
