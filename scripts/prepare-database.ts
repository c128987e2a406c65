/**
 * Makes the embedded database's template (lib/db/embedded-template.ts) ahead of the first start:
 * run by `npm ci` / `npm install` (postinstall), so that a console on a new machine opens a new
 * database in well under a second instead of running PostgreSQL's initdb then. Safe to run again:
 * an existing template is kept.
 *
 *   tsx scripts/prepare-database.ts [cache folder]   (default: node_modules/.cache/staas-console)
 */
import path from 'node:path';
import { DEFAULT_CACHE_DIR } from '../lib/db/client';
import { embeddedTemplate } from '../lib/db/embedded-template';

const started = performance.now();
const template = await embeddedTemplate(process.argv[2] ?? DEFAULT_CACHE_DIR, path.resolve(process.cwd(), 'db/migrations'));
if (template) console.log(`prepare-database: embedded database template ready in ${path.relative(process.cwd(), path.dirname(template.dir))} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
else console.log('prepare-database: no template could be made; the first start will make its database from scratch');
