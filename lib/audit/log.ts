import 'server-only';
import { and, desc, eq, gte, ilike, like as likePattern, lt, or, type SQL } from 'drizzle-orm';
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

/** The console itself, doing work nobody asked for just now (a scheduled reconciliation). */
export interface SystemActor {
  system: true;
  /** The job or task acting, e.g. `plan reconciliation`. */
  name: string;
}

/** A billing system, by the API token it called with. */
export interface TokenActor {
  token: true;
  id: string;
  name: string;
}

export interface AuditEntry {
  actor: SessionUser | AnonymousActor | SystemActor | TokenActor;
  action: AuditAction;
  target: string;
  /** What the target is called for people (an email), when known: shown and searched beside the id. */
  targetLabel?: string | null;
  outcome: 'ok' | 'failed' | 'denied';
  detail?: string | null;
  requestId: string;
}

const isAnonymous = (actor: AuditEntry['actor']): actor is AnonymousActor => 'anonymous' in actor && actor.anonymous === true;
const isSystem = (actor: AuditEntry['actor']): actor is SystemActor => 'system' in actor && actor.system === true;
const isToken = (actor: AuditEntry['actor']): actor is TokenActor => 'token' in actor && actor.token === true;

function actorColumns(actor: AuditEntry['actor']) {
  if (isAnonymous(actor)) return { actorType: 'anonymous' as const, actorId: `account:${actor.name.slice(0, 254)}`, actorName: actor.name.slice(0, 254), role: actor.provider };
  if (isToken(actor)) return { actorType: 'token' as const, actorId: `token:${actor.id}`, actorName: `API token ${actor.name}`, role: 'token' };
  if (isSystem(actor)) return { actorType: 'system' as const, actorId: `system:${actor.name}`, actorName: `Console (${actor.name})`, role: 'system' };
  return { actorType: actor.role === 'customer' ? ('customer' as const) : ('staff' as const), actorId: actor.id, actorName: actor.name, role: actor.role };
}

/** Records one attempt to change something or to sign in. Never holds a secret: callers pass ids and words only. */
export async function writeAudit(entry: AuditEntry, database?: Db): Promise<void> {
  const d = database ?? (await db());
  const { actor } = entry;
  const address = clientAddress();
  await d.insert(auditLog).values({
    ...actorColumns(actor),
    action: entry.action,
    target: entry.target.slice(0, 500),
    targetLabel: entry.targetLabel?.slice(0, 300) ?? null,
    outcome: entry.outcome,
    detail: entry.detail?.slice(0, 500) ?? null,
    requestId: entry.requestId,
    address: address === 'unknown' ? null : address,
  });
}

export interface AuditQuery {
  actor?: string;
  /** Part of the target's id or of its name: an email finds the same entries as the user's id. */
  target?: string;
  action?: string;
  /** Days, UTC, both included: `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  /** Keyset paging: rows older than this id. */
  before?: number;
  limit: number;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(q: Omit<AuditQuery, 'limit'>): SQL | undefined {
  const where: SQL[] = [];
  if (q.actor) where.push(ilike(auditLog.actorName, like(q.actor)));
  if (q.target) where.push(or(ilike(auditLog.target, like(q.target)), ilike(auditLog.targetLabel, like(q.target)))!);
  if (q.action?.endsWith('.*')) where.push(likePattern(auditLog.action, `${q.action.slice(0, -1)}%`));
  else if (q.action) where.push(eq(auditLog.action, q.action as AuditAction));
  if (q.from) where.push(gte(auditLog.at, new Date(`${q.from}T00:00:00Z`)));
  if (q.to) where.push(lt(auditLog.at, new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000)));
  if (q.before) where.push(lt(auditLog.id, q.before));
  return and(...where);
}

export async function readAudit(q: AuditQuery, database?: Db): Promise<{ rows: AuditRow[]; next: number | null }> {
  const d = database ?? (await db());
  const rows = await d.select().from(auditLog).where(conditions(q)).orderBy(desc(auditLog.id)).limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { rows: page, next: more ? page[page.length - 1].id : null };
}

/** Every entry the filters select, newest first, a page at a time: for exports of any size. */
export async function* auditRows(q: Omit<AuditQuery, 'limit' | 'before'>, database?: Db, pageSize = 1000): AsyncGenerator<AuditRow> {
  let before: number | undefined;
  for (;;) {
    const page = await readAudit({ ...q, before, limit: pageSize }, database);
    yield* page.rows;
    if (page.next === null) return;
    before = page.next;
  }
}
