import 'server-only';
import { and, desc, eq, ilike, lt, type SQL } from 'drizzle-orm';
import { db } from '../db';
import type { Db } from '../db/client';
import { auditLog, type AuditRow } from '../db/schema';
import type { SessionUser } from '../auth/options';

export interface AuditEntry {
  actor: SessionUser;
  action: string;
  target: string;
  outcome: 'ok' | 'failed' | 'denied';
  detail?: string | null;
  requestId: string;
}

/** Records one mutation attempt. Never holds a secret: callers pass ids and words only. */
export async function writeAudit(entry: AuditEntry, database?: Db): Promise<void> {
  const d = database ?? (await db());
  await d.insert(auditLog).values({
    actorType: entry.actor.role === 'customer' ? 'customer' : 'staff',
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    role: entry.actor.role,
    action: entry.action,
    target: entry.target,
    outcome: entry.outcome,
    detail: entry.detail?.slice(0, 500) ?? null,
    requestId: entry.requestId,
  });
}

export interface AuditQuery {
  actor?: string;
  target?: string;
  action?: string;
  /** Keyset paging: rows older than this id. */
  before?: number;
  limit: number;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function readAudit(q: AuditQuery, database?: Db): Promise<{ rows: AuditRow[]; next: number | null }> {
  const d = database ?? (await db());
  const where: SQL[] = [];
  if (q.actor) where.push(ilike(auditLog.actorName, like(q.actor)));
  if (q.target) where.push(ilike(auditLog.target, like(q.target)));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.before) where.push(lt(auditLog.id, q.before));
  const rows = await d.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { rows: page, next: more ? page[page.length - 1].id : null };
}
