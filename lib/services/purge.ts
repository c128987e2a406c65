import 'server-only';
import crypto from 'node:crypto';
import { unescapeXml } from '../../common/xml-text';
import { writeAudit } from '../audit/log';
import { forgetCustomerAccess } from '../auth/customer-access';
import { invalidateBucketList } from '../buckets/list-cache';
import type { Db } from '../db/client';
import type { ServicePurge, ServiceRow } from '../db/schema';
import { deleteBucket, listUserBuckets } from '../gateway/buckets';
import { unlessGone } from '../gateway/errors';
import { gatewayRequest } from '../gateway/request';
import { deleteUser, getUserById, setUserState } from '../gateway/users';
import type { JobDefinition } from '../jobs/system';
import { removeUserPlans } from '../plans/store';
import { invalidateUserList } from '../users/list-cache';
import { findService, savePurge, servicesInState } from './store';
import { errorWords } from '../db/error-words';

/**
 * Terminating a service with `purge=true`: its user is disabled at once (the customer can do
 * nothing more), then the `services.purge` job empties and deletes each bucket (as the system
 * user, a page of keys at a time) and deletes the user. Every step is safe to repeat, and the
 * work to do is the services marked `terminating`, so a job killed midway is finished by the next
 * run — on another instance (pg-boss takes it over) or after a restart — with nothing left behind.
 */

export const PURGE_JOB = 'services.purge';

const objectPath = (bucket: string, key: string) => `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;

/** One page of a bucket's keys (ListObjectsV2 as the system user). */
async function keysOf(bucket: string): Promise<string[]> {
  const { text } = await gatewayRequest({ method: 'GET', path: `/${encodeURIComponent(bucket)}`, params: [['list-type', '2'], ['max-keys', '1000']], retry: true });
  return [...text.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => unescapeXml(m[1]));
}

async function emptyAndDelete(bucket: string, counted: (objects: number) => Promise<void>, signal: AbortSignal): Promise<boolean> {
  for (;;) {
    if (signal.aborted) return false;
    const keys = await keysOf(bucket);
    if (keys.length === 0) break;
    for (const key of keys) {
      if (signal.aborted) return false;
      await gatewayRequest({ method: 'DELETE', path: objectPath(bucket, key), retry: true });
      await counted(1);
    }
  }
  await deleteBucket(bucket);
  return true;
}

/** Marks the service terminating with a purge to follow, and disables its user at once. */
export async function requestPurge(database: Db, row: ServiceRow, requestedBy: string): Promise<ServicePurge> {
  const purge: ServicePurge = row.purge && row.state === 'terminating' ? row.purge : { id: crypto.randomUUID(), state: 'queued', requestedAt: new Date().toISOString(), bucketsDeleted: 0, objectsDeleted: 0, message: `Requested by ${requestedBy}.` };
  await savePurge(database, row.serviceId, purge, { state: 'terminating', leaseUntil: null });
  if (row.userId) {
    const info = await unlessGone(getUserById(row.userId));
    if (info && info.State !== 'disabled') await setUserState(info.UserEmail, 'disabled');
    await forgetCustomerAccess(row.userId);
  }
  return purge;
}

async function purgeOne(database: Db, serviceId: string, signal: AbortSignal, report: () => void): Promise<'done' | 'interrupted'> {
  const row = (await findService(database, serviceId))!;
  let purge: ServicePurge = { ...row.purge!, state: 'running' };
  const save = async () => {
    await savePurge(database, serviceId, purge);
    report();
  };
  await save();
  const info = row.userId ? await unlessGone(getUserById(row.userId)) : null;
  if (info) {
    for (const bucket of await listUserBuckets(info.UserEmail)) {
      const finished = await emptyAndDelete(
        bucket.name,
        async (n) => {
          purge = { ...purge, objectsDeleted: purge.objectsDeleted + n };
          if (purge.objectsDeleted % 50 === 0) await save();
        },
        signal,
      );
      if (!finished) {
        await save();
        return 'interrupted';
      }
      purge = { ...purge, bucketsDeleted: purge.bucketsDeleted + 1 };
      await save();
    }
    await deleteUser(info.UserEmail);
    await removeUserPlans(database, [info.UserId]);
    await forgetCustomerAccess(info.UserId);
  }
  purge = { ...purge, state: 'done', finishedAt: new Date().toISOString(), message: `Deleted ${purge.bucketsDeleted} bucket(s), ${purge.objectsDeleted} object(s) and the user.` };
  await savePurge(database, serviceId, purge, { state: 'terminated', terminatedAt: new Date() });
  await writeAudit({ actor: { system: true, name: 'service purge' }, action: 'service.purge', target: `service:${serviceId}`, targetLabel: row.email, outcome: 'ok', detail: purge.message, requestId: purge.id }, database);
  return 'done';
}

export const purgeJob: JobDefinition = {
  kind: PURGE_JOB,
  async work({ database, signal, report }) {
    const db = database.db;
    const todo = await servicesInState(db, 'terminating');
    const errors: string[] = [];
    let done = 0;
    for (const row of todo) {
      if (signal.aborted) return { state: 'interrupted', message: `Stopped after ${done} of ${todo.length} service(s).` };
      try {
        if ((await purgeOne(db, row.serviceId, signal, () => report({ total: todo.length, done, current: row.serviceId }))) === 'interrupted') {
          return { state: 'interrupted', message: `Stopped during ${row.serviceId}.` };
        }
        done++;
      } catch (error) {
        const message = errorWords(error);
        errors.push(`${row.serviceId}: ${message}`);
        const current = (await findService(db, row.serviceId))!;
        await savePurge(db, row.serviceId, { ...current.purge!, state: 'failed', message: `${message} The purge is tried again on the next run.` });
      }
    }
    await Promise.all([invalidateUserList(), invalidateBucketList()]);
    return errors.length
      ? { state: 'failed', message: `Purged ${done} of ${todo.length} service(s).`, errors }
      : { state: 'done', message: `Purged ${done} service(s).` };
  },
};

/**
 * Purges left unfinished (an instance that stopped or died, a gateway that failed) are started
 * again: at server start and every minute while any service is still terminating.
 */
export function resumePurges(system: { run(kind: string, trigger: 'schedule', by: string): Promise<unknown> }, database: Db, everyMs = 60_000): () => void {
  const tick = async () => {
    if ((await servicesInState(database, 'terminating')).length > 0) await system.run(PURGE_JOB, 'schedule', 'schedule');
  };
  const run = () => void tick().catch((error: unknown) => console.error(`[jobs] ${PURGE_JOB} could not start: ${error instanceof Error ? error.message : error}`));
  const first = setTimeout(run, 1000);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
