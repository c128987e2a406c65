import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_GROUPS, isAuditFilter } from './actions';

/**
 * The audit log's actions are one list: the server can write only these (`writeAudit` and the
 * route wrapper take an `AuditAction`, so TypeScript refuses any other), and the audit page's
 * filter offers exactly these (e2e/audit.spec.ts reads the filter's options). This side checks
 * the list holds nothing the server never writes.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

function serverSources(): string {
  const files = ['lib', 'app'].flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir), { recursive: true })
      .map(String)
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .map((f) => path.join(ROOT, dir, f)),
  );
  return files.filter((f) => !f.endsWith(path.join('audit', 'actions.ts'))).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

describe('audit actions', () => {
  const sources = serverSources();

  it('lists only actions some server module writes', () => {
    expect(AUDIT_ACTIONS.filter((a) => !sources.includes(`'${a}'`))).toEqual([]);
  });

  it('lists every plan action (the filter once lacked them)', () => {
    expect(AUDIT_ACTIONS.filter((a) => a.startsWith('plan.'))).toEqual(['plan.create', 'plan.update', 'plan.delete', 'plan.assign', 'plan.apply', 'plan.override', 'plan.reconcile']);
  });

  it('has no action twice', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  it('accepts as a filter exactly the actions and the groups', () => {
    for (const a of AUDIT_ACTIONS) expect(isAuditFilter(a)).toBe(true);
    for (const g of Object.keys(AUDIT_GROUPS)) expect(isAuditFilter(g)).toBe(true);
    for (const other of ['plan', 'user.*', 'auth.sign', '', 'toString', '__proto__']) expect(isAuditFilter(other), other).toBe(false);
  });
});
