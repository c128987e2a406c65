import 'server-only';
import type { NextRequest } from 'next/server';
import { ApiError } from '../api/errors';
import { query } from '../api/input';
import { db } from '../db';
import { csvDownload } from '../http/csv';
import { jsonDownload } from '../http/json-stream';
import { userOr404 } from '../users/lookup';
import { USAGE_JOBS, type UsageJob } from './jobs';
import { askEmails, cachedUserList, emailsById } from '../users/list-cache';
import { answer } from '../api/contract';
import { billingHeadSchema, billingLineSchema, usageContract } from './contract';
import { checkRange, lastUpdates, UNITS, type Scope } from './figures';
import { billingRun, CSV_COLUMNS, figuresLine, invoiceCsv, invoiceLines } from './invoice';
import { topUsers, usageSeries, type Measure, type Ranked } from './series';
import { traceUsage } from './trace';

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** What the usage API routes share: their queries, checked, and the answers staff and customers get. */

/** Whom a staff export names (`?user=<id>`); none: every user's month. */
export const exportUserId = (req: NextRequest) => query(req, usageContract['GET /api/usage/export'].query).user ?? null;

/**
 * Every user's month, for a billing run: CSV or JSON, streamed a page of users at a time so that
 * 100,000 users need no more memory than ten. Emails come from the gateway's user list; a user
 * deleted since keeps its id, with an empty email.
 */
export async function billingRunAnswer(req: NextRequest): Promise<Response> {
  const q = query(req, usageContract['GET /api/usage/export'].query);
  const m = q.month ?? thisMonth();
  const database = await db();
  const emails = emailsById((await cachedUserList()).users);
  const lines = billingRun(database, { month: m, by: q.by });
  if (q.format === 'csv') {
    async function* csv() {
      for await (const l of lines) yield figuresLine(m, l.userId, emails.get(l.userId) ?? '', l.bucket, l.epoch, l);
    }
    return csvDownload(`usage-${m}-all-users${q.by === 'bucket' ? '-by-bucket' : ''}.csv`, CSV_COLUMNS, csv());
  }
  // Streamed, so not through answer(): each part goes through its schema instead (an allowlist all the same).
  const head = billingHeadSchema.parse({ month: m, by: q.by, units: UNITS, updated: await lastUpdates(database) });
  async function* json() {
    for await (const l of lines) yield billingLineSchema.parse({ ...l, email: emails.get(l.userId) ?? null });
  }
  return jsonDownload(head, 'lines', json());
}

/** Figures over a period (staff: anyone's, or everyone's with the top users; a customer: forced to their own). */
export async function seriesAnswer(req: NextRequest, forcedUser?: string) {
  const q = query(req, usageContract['GET /api/usage'].query);
  const scope: Scope = { userId: forcedUser ?? q.user, bucket: q.bucket, epoch: q.epoch };
  const database = await db();
  const [series, updated, top] = await Promise.all([
    usageSeries(database, { from: q.from, to: q.to, group: q.group, scope }),
    lastUpdates(database),
    scope.userId === undefined && scope.bucket === undefined ? topUsers(database, { from: q.from, to: q.to }) : Promise.resolve(null),
  ]);
  return answer(usageContract['GET /api/usage'], {
    ...series,
    scope: { user: scope.userId ?? null, bucket: scope.bucket ?? null, epoch: scope.epoch?.toString() ?? null },
    top: top && (await withEmails(top)),
    updated,
    units: UNITS,
  });
}

/** Top users named by email where the gateway still knows them (null: deleted since, or the gateway cannot say now). */
async function withEmails(top: Record<Measure, Ranked[]>): Promise<Record<Measure, (Ranked & { email: string | null })[]>> {
  let listed: ReadonlyMap<string, string> = new Map();
  try {
    listed = emailsById((await cachedUserList()).users);
  } catch {
    // The figures do not depend on the gateway: they are shown with user ids alone.
  }
  // A user made since the shared list was read is asked for by id (a few at most).
  const missing = [...new Set(Object.values(top).flatMap((rows) => rows.map((r) => r.userId)))].filter((id) => !listed.has(id));
  const found = await askEmails(missing);
  const named = (rows: Ranked[]) => rows.map((r) => ({ ...r, email: listed.get(r.userId) ?? found.get(r.userId) ?? null }));
  return { storage: named(top.storage), uploaded: named(top.uploaded), downloaded: named(top.downloaded), requests: named(top.requests) };
}

/** Whom a staff export is for: a user deleted since still has a month to bill (email null). */
export async function invoicedUser(userId: string): Promise<{ id: string; email: string | null }> {
  try {
    return { id: userId, email: (await userOr404(userId)).UserEmail };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && /^[0-9a-f]{16}$/.test(userId)) return { id: userId, email: null };
    throw error;
  }
}

/** One user's month for an invoice: CSV (a download) or JSON with the same lines. */
export async function exportAnswer(req: NextRequest, user: { id: string; email: string | null }) {
  const q = query(req, usageContract['GET /api/usage/export'].query);
  const m = q.month ?? thisMonth();
  const { id: userId, email } = user;
  const invoice = await invoiceLines(await db(), { userId, month: m });
  if (q.format === 'json') {
    return answer(usageContract['GET /api/usage/export'], { month: m, user: { id: userId, email }, units: UNITS, updated: await lastUpdates(await db()), ...invoice });
  }
  const filename = `usage-${m}-${(email ?? userId).replace(/[^A-Za-z0-9._-]+/g, '_')}.csv`;
  return new Response(invoiceCsv(invoice, { month: m, userId, email: email ?? '' }), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` },
  });
}

/** What one day's figures are made of: statistics objects and storage rounds. */
export async function traceAnswer(req: NextRequest) {
  const q = query(req, usageContract['GET /api/usage/trace'].query);
  return answer(usageContract['GET /api/usage/trace'], await traceUsage(await db(), { day: q.day, scope: { userId: q.user, bucket: q.bucket, epoch: q.epoch } }));
}

export function jobKind(kind: string): (typeof USAGE_JOBS)[UsageJob] {
  if (kind === 'collect' || kind === 'sample') return USAGE_JOBS[kind];
  throw new ApiError(404, 'not_found', 'There is no such usage job: it is "collect" or "sample".');
}
