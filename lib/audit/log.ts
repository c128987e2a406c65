import 'server-only';
import { and, desc, eq, ilike, like as likePattern, lt, type SQL } from 'drizzle-orm';
import { db } from '../db';
import type { Db } from '../db/client';
import { auditLog, type AuditRow } from '../db/schema';
import type { SessionUser } from '../auth/options';
import { clientAddress } from '../http/request-context';
import type { AuditAction } from './actions';

/** Someone not signed in: a failed sign-in names the account it tried and the provider it used. */
export interface AnonymousActor {
  anonymous: true;
  /** The account tried (an email or an access key id), as the sign-in form gave it. */
  name: string;
  provider: 'staff' | 'customer' | 'none';
}

export interface AuditEntry {
  actor: SessionUser | AnonymousActor;
  action: AuditAction;
  target: string;
  outcome: 'ok' | 'failed' | 'denied';
  detail?: string | null;
  requestId: string;
}

const isAnonymous = (actor: AuditEntry['actor']): actor is AnonymousActor => 'anonymous' in actor && actor.anonymous === true;

/** Records one attempt to change something or to sign in. Never holds a secret: callers pass ids and words only. */
export async function writeAudit(entry: AuditEntry, database?: Db): Promise<void> {
  const d = database ?? (await db());
  const { actor } = entry;
  const address = clientAddress();
  await d.insert(auditLog).values({
    ...(isAnonymous(actor)
      ? { actorType: 'anonymous' as const, actorId: `account:${actor.name.slice(0, 254)}`, actorName: actor.name.slice(0, 254), role: actor.provider }
      : { actorType: actor.role === 'customer' ? ('customer' as const) : ('staff' as const), actorId: actor.id, actorName: actor.name, role: actor.role }),
    action: entry.action,
    target: entry.target.slice(0, 500),
    outcome: entry.outcome,
    detail: entry.detail?.slice(0, 500) ?? null,
    requestId: entry.requestId,
    address: address === 'unknown' ? null : address,
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
  if (q.action?.endsWith('.*')) where.push(likePattern(auditLog.action, `${q.action.slice(0, -1)}%`));
  else if (q.action) where.push(eq(auditLog.action, q.action as AuditAction));
  if (q.before) where.push(lt(auditLog.id, q.before));
  const rows = await d.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.id)).limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { rows: page, next: more ? page[page.length - 1].id : null };
}
