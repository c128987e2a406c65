import 'server-only';
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, notFound } from '../api/errors';
import { labelAuditTarget } from '../audit/label';
import { forgetCustomerAccess } from '../auth/customer-access';
import { env } from '../config/env';
import { publicEndpoint } from '../objects/endpoint';
import { db } from '../db';
import type { Db } from '../db/client';
import type { ApiTokenRow, ServiceRow } from '../db/schema';
import { listUserBuckets } from '../gateway/buckets';
import { unlessGone } from '../gateway/errors';
import { getQuota } from '../gateway/quotas';
import type { UserInfo } from '../gateway/schemas';
import { deleteUser, getUserByEmail, getUserById, revokeKey, setUserState } from '../gateway/users';
import { assignPlan, planStatus } from '../plans/for-user';
import { findPlan, findPlanByName, listPlans, removeUserPlans, userPlan, type Plan } from '../plans/store';
import { MAX_KEY_PAIRS } from '../users/constants';
import { invalidateUserList } from '../users/list-cache';
import { recordNewUser } from '../users/known';
import { createUserOrRecover, generateKeyOrRecover } from '../users/unclear-answers';
import { claimIncomplete, claimNewService, deleteService, findService, rememberIdempotencyKey, serviceOfUser, updateService } from './store';

/**
 * A billing system's services through their lifecycle: create (or adopt), suspend, change plan,
 * rotate keys, terminate. Each call is safe to repeat: a create is idempotent, a suspend of a
 * suspended service changes nothing, a create that stopped midway is finished by the same call.
 */

export const endpoint = publicEndpoint;

export async function resolvePlan(database: Db, ref: string, field = 'plan'): Promise<Plan> {
  const byId = /^[0-9a-f-]{36}$/i.test(ref) ? await findPlan(database, ref.toLowerCase()) : undefined;
  const plan = byId ?? (await findPlanByName(database, ref));
  if (!plan) {
    const names = (await listPlans(database)).map((p) => p.name);
    const known = names.length ? `Plans: ${names.slice(0, 10).join(', ')}.` : 'No plan is defined yet.';
    throw new ApiError(422, 'invalid_input', `There is no plan “${ref.slice(0, 60)}”. ${known}`, { [field]: `There is no plan “${ref.slice(0, 60)}”.` });
  }
  return plan;
}

export async function serviceOr404(serviceId: string): Promise<ServiceRow> {
  const row = await findService(await db(), serviceId);
  if (!row) throw notFound(`There is no service “${serviceId}”.`);
  labelAuditTarget(row.email);
  return row;
}

/** The service's S3 user; a service without one (terminated, or never made) is a 409 in words. */
async function liveUser(row: ServiceRow): Promise<UserInfo> {
  if (row.state === 'terminated' || row.state === 'terminating') throw new ApiError(409, 'service_terminated', `The service “${row.serviceId}” is ${row.state}.`);
  if (!row.userId) throw new ApiError(409, 'service_incomplete', `The service “${row.serviceId}” has no S3 user yet: repeat its create call to finish it.`);
  const info = await unlessGone(getUserById(row.userId!));
  if (!info) throw new ApiError(409, 'user_gone', `The S3 user of the service “${row.serviceId}” (${row.email}) no longer exists on the gateway.`);
  return info;
}

export interface CreateInput {
  serviceId: string;
  email: string;
  plan: string;
  adopt?: boolean;
}

export interface CreatedService {
  serviceId: string;
  userId: string;
  email: string;
  state: ServiceRow['state'];
  plan: { id: string; name: string };
  endpoint: string;
  region: string;
  accessKeyId: string | null;
  secretAccessKey?: string;
  note?: string;
}

const requestHash = (input: CreateInput, planId: string) =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify([input.serviceId, input.email.toLowerCase(), planId, input.adopt === true]))
    .digest('hex');

/** Waiting for a create of the same service under way elsewhere (a concurrent repeat) at most this long. */
const WAIT_FOR_CREATE_MS = 20_000;

/**
 * POST /api/v1/services. The service row is claimed first (insert or, for an incomplete one,
 * a lease), so two identical calls at the same moment make one user: the second waits for the
 * first and answers what it made, without the secret.
 */
export async function createService(input: CreateInput, token: ApiTokenRow, idempotencyKey: string | null, note: (d: string) => void): Promise<CreatedService> {
  const database = await db();
  const plan = await resolvePlan(database, input.plan);
  const hash = requestHash(input, plan.id);
  labelAuditTarget(input.email);
  if (idempotencyKey !== null) {
    const seen = await rememberIdempotencyKey(database, token.id, idempotencyKey, hash, input.serviceId);
    if (seen.requestHash !== hash) {
      throw new ApiError(409, 'idempotency_key_reused', `The Idempotency-Key “${idempotencyKey.slice(0, 80)}” was used for another request (service “${seen.serviceId}”). Use a new key for a new request.`);
    }
  }
  const deadline = Date.now() + WAIT_FOR_CREATE_MS;
  for (;;) {
    const fresh = await claimNewService(database, { serviceId: input.serviceId, email: input.email, planId: plan.id, tokenId: token.id, tokenName: token.name, requestHash: hash });
    if (fresh) return finishCreate(database, fresh, plan, input, note);
    const existing = (await findService(database, input.serviceId))!;
    if (existing.requestHash !== hash) {
      throw new ApiError(
        409,
        'service_exists',
        `The service “${input.serviceId}” exists with other details (${existing.email}, ${existing.adopted ? 'adopted, ' : ''}another plan or adopt flag). A service id is bound once; terminate it or use another id.`,
      );
    }
    if (existing.state !== 'incomplete') return repeatAnswer(existing, plan);
    const claimed = await claimIncomplete(database, input.serviceId);
    if (claimed) return finishCreate(database, claimed, plan, input, note);
    if (Date.now() > deadline) {
      throw new ApiError(409, 'create_in_progress', `A create of the service “${input.serviceId}” is under way; repeat this call in a few seconds.`, undefined, { headers: { 'retry-after': '5' } });
    }
    await sleep(200);
  }
}

async function repeatAnswer(row: ServiceRow, plan: Plan): Promise<CreatedService> {
  const info = row.userId ? await unlessGone(getUserById(row.userId!)) : null;
  return {
    serviceId: row.serviceId,
    userId: row.userId ?? '',
    email: row.email,
    state: row.state,
    plan: { id: plan.id, name: plan.name },
    endpoint: endpoint(),
    region: env().GATEWAY_REGION,
    accessKeyId: info?.AWSAccessKeys[0]?.AWSAccessKeyId ?? null,
    note: 'This service was created by an earlier call with the same details: the secret key was given then and is not repeated. POST /api/v1/services/{serviceId}/keys makes a new key pair.',
  };
}

async function finishCreate(database: Db, row: ServiceRow, plan: Plan, input: CreateInput, note: (d: string) => void): Promise<CreatedService> {
  // Until the service is active (or, nothing done, deleted), it stays incomplete.
  let settled = false;
  let info: UserInfo | null = row.userId ? await unlessGone(getUserById(row.userId!)) : null;
  try {
    if (!info) {
      const existing = await unlessGone(getUserByEmail(input.email));
      if (existing && !input.adopt) {
        // Nothing was done: the id stays free for a call that adopts.
        await deleteService(database, row.serviceId);
        settled = true;
        throw new ApiError(409, 'email_exists', `A user with the email ${input.email} already exists on the gateway. Send "adopt": true to bind that user to this service.`);
      }
      if (existing) {
        if (existing.Flags.includes('system')) {
          await deleteService(database, row.serviceId);
          settled = true;
          throw new ApiError(409, 'system_user', `${input.email} is a system user of the gateway: it cannot be bound to a service.`, undefined, { denied: true });
        }
        const bound = await serviceOfUser(database, existing.UserId);
        if (bound && bound.serviceId !== row.serviceId) {
          await deleteService(database, row.serviceId);
          settled = true;
          throw new ApiError(409, 'user_bound', `The user ${input.email} is already bound to the service “${bound.serviceId}”.`);
        }
        info = existing;
        await updateService(database, row.serviceId, { userId: existing.UserId, adopted: true });
        note(`adopted ${existing.UserEmail} (${existing.UserId})`);
      } else {
        const created = await createUserOrRecover(input.email);
        await updateService(database, row.serviceId, { userId: created.userId });
        await recordNewUser(created.userId);
        await invalidateUserList();
        note(`created user ${created.userId}`);
        info = await getUserById(created.userId);
      }
    }
    const current = await userPlan(database, info.UserId);
    const applied = current?.planId === plan.id && current.status === 'applied' ? null : await assignPlan(info, plan.id, { resume: true });
    if (applied && applied.status !== 'applied') {
      const failed = applied.steps.find((s) => s.state === 'failed');
      throw new ApiError(
        502,
        'service_incomplete',
        `The S3 user ${info.UserEmail} exists, but applying the plan “${plan.name}” stopped${failed ? ` at “${failed.step}”: ${failed.error ?? 'failed'}` : ''}. The service is incomplete: send the same request again to finish it.`,
      );
    }
    const state = info.State === 'disabled' ? 'suspended' : 'active';
    const pair = info.AWSAccessKeys[0] ?? null;
    const giveSecret = !row.secretDelivered && pair !== null;
    await updateService(database, row.serviceId, { state, leaseUntil: null, secretDelivered: row.secretDelivered || giveSecret });
    settled = true;
    return {
      serviceId: row.serviceId,
      userId: info.UserId,
      email: info.UserEmail,
      state,
      plan: { id: plan.id, name: plan.name },
      endpoint: endpoint(),
      region: env().GATEWAY_REGION,
      accessKeyId: pair?.AWSAccessKeyId ?? null,
      ...(giveSecret ? { secretAccessKey: pair.AWSSecretAccessKey } : {}),
      ...(row.adopted || input.adopt ? { note: 'An existing S3 user was bound to this service; its keys are unchanged.' } : {}),
    };
  } finally {
    // A create that stopped midway is left for a repeat to finish at once, not after the lease.
    if (!settled) await updateService(database, row.serviceId, { leaseUntil: null });
  }
}

/** POST …/suspend and …/unsuspend: the user disabled or enabled; repeating one changes nothing. */
export async function setSuspended(serviceId: string, suspend: boolean, reason: string | null, note: (d: string) => void) {
  const database = await db();
  const row = await serviceOr404(serviceId);
  const info = await liveUser(row);
  const want = suspend ? 'disabled' : 'enabled';
  if (info.Flags.includes('system')) throw new ApiError(409, 'system_user', 'This is a system user of the gateway: the console does not change it.', undefined, { denied: true });
  if (info.State !== want) await setUserState(info.UserEmail, want);
  else note(`already ${want}`);
  await forgetCustomerAccess(info.UserId);
  await invalidateUserList();
  const updated = await updateService(database, serviceId, { state: suspend ? 'suspended' : row.state === 'incomplete' ? 'incomplete' : 'active', suspendedReason: suspend ? (reason ?? row.suspendedReason ?? null) : null });
  return { serviceId, state: updated.state, suspendedReason: updated.suspendedReason };
}

const driftLines = (status: Awaited<ReturnType<typeof planStatus>>) => (status?.drift ?? []).map((d) => ({ setting: d.what, plan: d.plan, gateway: d.gateway }));

/** PUT …/plan: the plan (a new one, or the same again) applied in full, read back, its drift reported; overrides kept. */
export async function changeServicePlan(serviceId: string, ref: string) {
  const database = await db();
  const row = await serviceOr404(serviceId);
  const plan = await resolvePlan(database, ref);
  const info = await liveUser(row);
  const applied = await assignPlan(info, plan.id);
  await updateService(database, serviceId, { planId: plan.id });
  const status = await planStatus(info);
  return { serviceId, state: row.state, plan: { id: plan.id, name: plan.name }, planStatus: status?.status ?? applied.status, drift: driftLines(status) };
}

/** POST …/keys: a new pair first, then the named one revoked; with two pairs already, the named one goes first. */
export async function rotateKeys(serviceId: string, revoke: string | null, note: (d: string) => void) {
  const row = await serviceOr404(serviceId);
  let info = await liveUser(row);
  const ids = info.AWSAccessKeys.map((k) => k.AWSAccessKeyId);
  if (revoke !== null && !ids.includes(revoke)) throw new ApiError(422, 'invalid_input', `The user has no key pair ${revoke}.`, { revoke: 'Not one of this user’s access key ids.' });
  if (ids.length >= MAX_KEY_PAIRS && revoke === null) {
    throw new ApiError(409, 'too_many_keys', `The gateway allows at most ${MAX_KEY_PAIRS} key pairs per user and ${row.email} has ${ids.length} (${ids.join(', ')}). Name the one to replace in "revoke".`);
  }
  let revoked: string | null = null;
  if (revoke !== null && ids.length >= MAX_KEY_PAIRS) {
    await revokeKey(info.UserEmail, null, revoke);
    revoked = revoke;
    info = await getUserById(info.UserId);
  }
  const { pair } = await generateKeyOrRecover(info, null);
  if (revoke !== null && revoked === null) {
    await revokeKey(info.UserEmail, null, revoke);
    revoked = revoke;
  }
  await forgetCustomerAccess(info.UserId);
  note(`new key ${pair.AWSAccessKeyId}${revoked ? `, revoked ${revoked}` : ''}`);
  const after = await getUserById(info.UserId);
  return { accessKeyId: pair.AWSAccessKeyId, secretAccessKey: pair.AWSSecretAccessKey, revoked, accessKeyIds: after.AWSAccessKeys.map((k) => k.AWSAccessKeyId) };
}

export async function gatewayQuotaBytes(email: string): Promise<number | null> {
  const gb = await getQuota({ emailAddress: email });
  return gb > 0 ? gb * 1e9 : null;
}

/** DELETE …: the user deleted when it has no buckets; terminated either way when it is already gone. */
export async function terminateEmpty(row: ServiceRow, note: (d: string) => void): Promise<ServiceRow> {
  const database = await db();
  const info = row.userId ? await unlessGone(getUserById(row.userId!)) : null;
  if (info) {
    if (info.Flags.includes('system')) throw new ApiError(409, 'system_user', 'This is a system user of the gateway: the console does not delete it.', undefined, { denied: true });
    const buckets = await listUserBuckets(info.UserEmail);
    if (buckets.length > 0) {
      const names = buckets.map((b) => b.name);
      throw new ApiError(
        409,
        'user_has_buckets',
        `The user ${info.UserEmail} still owns ${names.length} bucket(s): ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}. Call again with ?purge=true to empty and delete them with the user.`,
      );
    }
    await deleteUser(info.UserEmail);
    await removeUserPlans(database, [info.UserId]);
    await forgetCustomerAccess(info.UserId);
    await invalidateUserList();
    note(`deleted ${info.UserEmail}`);
  } else note('the S3 user was already gone');
  return updateService(database, row.serviceId, { state: 'terminated', terminatedAt: new Date(), leaseUntil: null });
}
