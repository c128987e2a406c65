import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import { ApiError, notFound } from '../api/errors';
import { usageObjects } from '../db/schema';
import { db } from '../db';
import { GatewayError } from '../gateway/errors';
import { deleteStatisticsObject, listStatisticsObjects, readStatisticsObject } from '../gateway/usage';
import { ledgerEntries } from './collector';
import { parseObjectName, parseStatisticsObject, stillGrowing } from './statistics-object';

/**
 * The vendor guide's statistics panels, done properly: the objects still waiting on the gateway with
 * what the ledger knows of each, one object opened as a table, and deleting one by hand.
 */

export type WaitingState = 'new' | 'growing' | 'collected' | 'failing' | 'quarantined' | 'unknown-name';

export interface WaitingObject {
  name: string;
  serviceId: string | null;
  start: string | null;
  periodSeconds: number | null;
  state: WaitingState;
  /** Why it is failing or quarantined, or when it was collected. */
  note: string | null;
  /** Reads that went wrong so far (failing or quarantined objects). */
  attempts: number;
}

export async function waitingObjects(limit = 1000): Promise<{ objects: WaitingObject[]; total: number }> {
  const names = await listStatisticsObjects();
  const shown = names.slice(0, limit);
  const ledger = await ledgerEntries(await db(), shown);
  const now = new Date();
  const objects = shown.map((name): WaitingObject => {
    const parsed = parseObjectName(name);
    const known = ledger.get(name);
    const state: WaitingState = known ? known.status : !parsed ? 'unknown-name' : stillGrowing(parsed, now) ? 'growing' : 'new';
    return {
      name,
      serviceId: parsed?.serviceId ?? null,
      start: parsed?.start.toISOString() ?? null,
      periodSeconds: parsed?.nominalPeriodSeconds ?? null,
      state,
      note: known?.status === 'collected' ? `collected ${known.collectedAt.toISOString()}; its deletion on the gateway is pending` : (known?.reason ?? null),
      attempts: known?.attempts ?? 0,
    };
  });
  return { objects, total: names.length };
}

const NAME = /^[A-Za-z0-9._:-]{1,300}$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw notFound('There is no such statistics object: the name holds letters, digits, dots, colons and dashes.');
  return name;
}

export async function openObject(name: string) {
  let text: string;
  try {
    text = (await readStatisticsObject(checkName(name))).text;
  } catch (error) {
    if (error instanceof GatewayError && error.status === 404) throw notFound('This statistics object is no longer on the gateway: it was collected or deleted.');
    throw error;
  }
  const known = (await ledgerEntries(await db(), [name])).get(name);
  const parsed = parseStatisticsObject(text);
  const ledger = known ? { status: known.status, reason: known.reason, collectedAt: known.collectedAt.toISOString() } : null;
  if (!parsed.ok) return { name, ok: false as const, reason: parsed.reason, raw: text.slice(0, 20_000), rawBytes: text.length, ledger };
  const o = parsed.object;
  return {
    name,
    ok: true as const,
    ledger,
    startTs: o.start_ts,
    period: o.period,
    items: o.items.slice(0, 5000).map((i) => ({
      bucket: i.key.bucket,
      epoch: i.key.epoch.toString(),
      userId: i.key.user_id,
      tag: i.key.tag,
      put: i.counters.ops.put.toString(),
      get: i.counters.ops.get.toString(),
      list: i.counters.ops.list.toString(),
      other: i.counters.ops.other.toString(),
      uploaded: i.counters.net_io.uploaded.toString(),
      downloaded: i.counters.net_io.downloaded.toString(),
    })),
    itemCount: o.items.length,
  };
}

/**
 * Deletes an object on the gateway by hand. One the ledger never collected is usage that will
 * never be billed: that takes `uncollected` (the page asks first, in words).
 */
export async function deleteObject(name: string, uncollected: boolean): Promise<{ name: string; wasCollected: boolean }> {
  checkName(name);
  const known = (await ledgerEntries(await db(), [name])).get(name);
  const wasCollected = known?.status === 'collected';
  if (!wasCollected && !uncollected) {
    throw new ApiError(409, 'never_collected', 'This object was never collected: deleting it loses its usage for billing. Confirm that you mean it.');
  }
  await deleteStatisticsObject(name);
  return { name, wasCollected };
}

/**
 * Gives a quarantined object another chance: the next collection reads it afresh (and collects
 * it if it now parses; two more failures with the same body quarantine it again).
 */
export async function retryObject(name: string): Promise<{ name: string; state: 'failing' }> {
  checkName(name);
  const [row] = await (await db())
    .update(usageObjects)
    .set({ status: 'failing', failedBodySha256: null, reason: sql`coalesce(${usageObjects.reason}, '') || ' (retry asked for by an admin)'` })
    .where(and(eq(usageObjects.name, name), eq(usageObjects.status, 'quarantined'), ne(usageObjects.serviceId, 'unknown')))
    .returning({ name: usageObjects.name });
  if (!row) throw new ApiError(409, 'not_quarantined', 'Only a quarantined statistics object (with a statistics object’s name) can be retried; this one is not.');
  return { name, state: 'failing' };
}
