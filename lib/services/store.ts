import 'server-only';
import { and, asc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiIdempotency, services, type ServicePurge, type ServiceRow, type ServiceState } from '../db/schema';

/** How long a create under way holds its service before a repeat may take over (a crashed instance). */
export const CREATE_LEASE_MS = 60_000;

export async function findService(db: Db, serviceId: string): Promise<ServiceRow | undefined> {
  const [row] = await db.select().from(services).where(eq(services.serviceId, serviceId));
  return row;
}

export async function serviceOfUser(db: Db, userId: string): Promise<ServiceRow | undefined> {
  const [row] = await db
    .select()
    .from(services)
    .where(and(eq(services.userId, userId), ne(services.state, 'terminated')));
  return row;
}

/** A new service, held by the caller's create: undefined when the id is taken. */
export async function claimNewService(db: Db, row: Pick<ServiceRow, 'serviceId' | 'email' | 'planId' | 'tokenId' | 'tokenName' | 'requestHash'>): Promise<ServiceRow | undefined> {
  const [inserted] = await db
    .insert(services)
    .values({ ...row, state: 'incomplete', leaseUntil: new Date(Date.now() + CREATE_LEASE_MS) })
    .onConflictDoNothing()
    .returning();
  return inserted;
}

/** An incomplete service whose create is not under way any more, taken to be finished. */
export async function claimIncomplete(db: Db, serviceId: string): Promise<ServiceRow | undefined> {
  const [row] = await db
    .update(services)
    .set({ leaseUntil: new Date(Date.now() + CREATE_LEASE_MS) })
    .where(and(eq(services.serviceId, serviceId), eq(services.state, 'incomplete'), or(isNull(services.leaseUntil), lt(services.leaseUntil, new Date()))))
    .returning();
  return row;
}

export async function updateService(db: Db, serviceId: string, change: Partial<Omit<ServiceRow, 'serviceId'>>): Promise<ServiceRow> {
  const [row] = await db
    .update(services)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(services.serviceId, serviceId))
    .returning();
  return row;
}

export async function deleteService(db: Db, serviceId: string): Promise<void> {
  await db.delete(services).where(eq(services.serviceId, serviceId));
  await db.delete(apiIdempotency).where(eq(apiIdempotency.serviceId, serviceId));
}

/** Services after `cursor`, by service id. */
export async function servicePage(db: Db, cursor: string | undefined, limit: number): Promise<{ rows: ServiceRow[]; next: string | null }> {
  const rows = await db
    .select()
    .from(services)
    .where(cursor ? gt(services.serviceId, cursor) : undefined)
    .orderBy(asc(services.serviceId))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, next: more ? page[page.length - 1].serviceId : null };
}

/** What an Idempotency-Key was used for: the first use records it (the same key with another body is a conflict). */
export async function rememberIdempotencyKey(db: Db, tokenId: string, key: string, requestHash: string, serviceId: string): Promise<{ requestHash: string; serviceId: string }> {
  await db.insert(apiIdempotency).values({ tokenId, key, requestHash, serviceId }).onConflictDoNothing();
  const [row] = await db
    .select({ requestHash: apiIdempotency.requestHash, serviceId: apiIdempotency.serviceId })
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.tokenId, tokenId), eq(apiIdempotency.key, key)));
  return row;
}

export const servicesInState = (db: Db, state: ServiceState) => db.select().from(services).where(eq(services.state, state)).orderBy(asc(services.updatedAt));

export async function findPurge(db: Db, id: string): Promise<ServiceRow | undefined> {
  const [row] = await db
    .select()
    .from(services)
    .where(sql`${services.purge}->>'id' = ${id}`);
  return row;
}

export const savePurge = (db: Db, serviceId: string, purge: ServicePurge, change: Partial<Omit<ServiceRow, 'serviceId' | 'purge'>> = {}) => updateService(db, serviceId, { ...change, purge });
