import type { AuditAction } from '../audit/actions';
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The console's own state only: the gateway stays the source of truth for tenants. */

export const staff = pgTable('staff', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'support'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /** Sessions issued before this moment are void: bumped when an account is disabled. */
  sessionsValidAfter: timestamp('sessions_valid_after', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** `anonymous`: nobody signed in (a failed sign-in names the account it tried). */
    actorType: text('actor_type', { enum: ['staff', 'customer', 'system', 'anonymous', 'token'] }).notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    role: text('role').notNull(),
    action: text('action').$type<AuditAction>().notNull(),
    target: text('target').notNull(),
    /** What the target is called for people (an email, a bucket name), when the console knew it. */
    targetLabel: text('target_label'),
    outcome: text('outcome', { enum: ['ok', 'failed', 'denied'] }).notNull(),
    detail: text('detail'),
    requestId: text('request_id').notNull(),
    /** The client's address (see TRUSTED_PROXIES); null for work the console did on its own. */
    address: text('address'),
  },
  (t) => [index('audit_log_at').on(t.at), index('audit_log_actor').on(t.actorName), index('audit_log_target').on(t.target), index('audit_log_action').on(t.action)],
);

/**
 * Sign-in attempts still counted against an account and an address: a row is written (pending)
 * before a password or key is checked and stays (failed) when the check fails; a success removes
 * it. `at` is when the attempt may run: later than its arrival when the account's attempts are
 * being spaced. See lib/auth/throttle.ts.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    account: text('account').notNull(),
    address: text('address').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    state: text('state', { enum: ['pending', 'failed'] }).notNull(),
  },
  (t) => [index('sign_in_attempts_account').on(t.account, t.at), index('sign_in_attempts_address').on(t.address, t.at)],
);

/** Addresses an account has signed in from: their attempts are never held back by spacing. */
export const signInKnownAddresses = pgTable(
  'sign_in_known_addresses',
  {
    account: text('account').notNull(),
    address: text('address').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.account, t.address] })],
);

export type StaffRow = typeof staff.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

/** A service plan: the quotas and limits a provider sells as one package. */
export const plans = pgTable('plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  userQuotaGb: integer('user_quota_gb').notNull().default(0),
  bucketQuotaGb: integer('bucket_quota_gb').notNull().default(0),
  opsDefault: doublePrecision('ops_default').notNull().default(0),
  opsGet: doublePrecision('ops_get').notNull().default(0),
  opsPut: doublePrecision('ops_put').notNull().default(0),
  opsList: doublePrecision('ops_list').notNull().default(0),
  opsDelete: doublePrecision('ops_delete').notNull().default(0),
  bandwidthOut: integer('bandwidth_out').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** An admin asked for the plan to be applied again to every user on it: the `plans.apply` job does it, then clears this. */
  reapplyRequestedAt: timestamp('reapply_requested_at', { withTimezone: true }),
  reapplyRequestedBy: text('reapply_requested_by'),
});

export interface PlanStep {
  step: string;
  state: 'pending' | 'done' | 'failed';
  error?: string;
}

/** Which plan a gateway user is on, and how far applying it to the gateway got. */
export const userPlans = pgTable(
  'user_plans',
  {
    userId: text('user_id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    status: text('status', { enum: ['applying', 'applied', 'incomplete'] }).notNull(),
    steps: jsonb('steps').$type<PlanStep[]>().notNull(),
    /** Values this user keeps instead of the plan's, by setting (`user-quota`, `limit:get`, `bucket-quota:<name>`). */
    overrides: jsonb('overrides').$type<Record<string, number>>().notNull().default({}),
    /** Where the gateway differed from the plan when last checked (null: not checked yet). */
    drift: jsonb('drift').$type<PlanDriftRow[]>(),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('user_plans_plan').on(t.planId)],
);

export interface PlanDriftRow {
  key: string;
  plan: number;
  gateway: number;
}

/** When the console first knew of each S3 user (it created it, or first listed it): the gateway keeps no creation date. */
export const knownUsers = pgTable('known_users', {
  userId: text('user_id').primaryKey(),
  firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export type PlanRow = typeof plans.$inferSelect;
export type UserPlanRow = typeof userPlans.$inferSelect;

/**
 * The usage ledger: every statistics object collected (or quarantined), by name. The name is the
 * key, so an object can only ever be counted once; see lib/usage/collector.ts.
 */
export const usageObjects = pgTable('usage_objects', {
  name: text('name').primaryKey(),
  serviceId: text('service_id').notNull(),
  startAt: timestamp('start_at', { withTimezone: true }).notNull(),
  nominalPeriod: integer('nominal_period').notNull(),
  period: integer('period'),
  items: integer('items').notNull().default(0),
  /**
   * `failing`: a read went wrong (garbled, cut short, timed out) and is tried again on later runs;
   * `quarantined`: the same intact body failed to parse on two runs, so it is kept aside until an
   * admin retries or deletes it.
   */
  status: text('status', { enum: ['collected', 'failing', 'quarantined'] }).notNull(),
  reason: text('reason'),
  /** Reads that went wrong so far, and a hash of the last body that failed to parse whole. */
  attempts: integer('attempts').notNull().default(0),
  failedBodySha256: text('failed_body_sha256'),
  collectedAt: timestamp('collected_at', { withTimezone: true }).notNull().defaultNow(),
  /** When the object was deleted on the gateway: only ever after its items were committed. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export type UsageObjectRow = typeof usageObjects.$inferSelect;

/**
 * The items of collected objects: exact counters per (bucket, epoch, user, tag) and period, kept
 * as columns of arrays, one row per object (or per part of a large one: at most a statement's
 * worth of items a row). A row per item cost five index entries and a foreign-key check each
 * and made storing them the collector's bound; items are only ever read by the day they start,
 * to trace a figure to its objects. The view `usage_items` (migration 0011) shows them a row an
 * item: object_name, start_at, bucket, epoch, user_id, tag and the six counters.
 */
export const usageItemSets = pgTable(
  'usage_item_sets',
  {
    objectName: text('object_name')
      .notNull()
      .references(() => usageObjects.name),
    part: integer('part').notNull(),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    buckets: text('buckets').array().notNull(),
    epochs: bigint('epochs', { mode: 'bigint' }).array().notNull(),
    userIds: text('user_ids').array().notNull(),
    tags: text('tags').array().notNull(),
    opsPut: bigint('ops_put', { mode: 'bigint' }).array().notNull(),
    opsGet: bigint('ops_get', { mode: 'bigint' }).array().notNull(),
    opsList: bigint('ops_list', { mode: 'bigint' }).array().notNull(),
    opsOther: bigint('ops_other', { mode: 'bigint' }).array().notNull(),
    bytesUploaded: bigint('bytes_uploaded', { mode: 'bigint' }).array().notNull(),
    bytesDownloaded: bigint('bytes_downloaded', { mode: 'bigint' }).array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.objectName, t.part] }),
    index('usage_item_sets_start').on(t.startAt),
    // Every column an item long: a row whose arrays disagree would shift counters between items.
    check(
      'usage_item_sets_aligned',
      sql`cardinality(${t.buckets}) > 0 and cardinality(${t.epochs}) = cardinality(${t.buckets}) and cardinality(${t.userIds}) = cardinality(${t.buckets})
        and cardinality(${t.tags}) = cardinality(${t.buckets}) and cardinality(${t.opsPut}) = cardinality(${t.buckets}) and cardinality(${t.opsGet}) = cardinality(${t.buckets})
        and cardinality(${t.opsList}) = cardinality(${t.buckets}) and cardinality(${t.opsOther}) = cardinality(${t.buckets})
        and cardinality(${t.bytesUploaded}) = cardinality(${t.buckets}) and cardinality(${t.bytesDownloaded}) = cardinality(${t.buckets})`,
    ),
  ],
);

/**
 * Traffic per UTC day, bucket (name and epoch) and user: the items of collected objects summed,
 * added in the same transaction that records each object, so it always equals `usage_items`.
 * Reports read this; the items stay for tracing a figure to its objects.
 */
export const usageDaily = pgTable(
  'usage_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    bucket: text('bucket').notNull(),
    epoch: bigint('epoch', { mode: 'bigint' }).notNull(),
    userId: text('user_id').notNull(),
    opsPut: numeric('ops_put', { precision: 40, scale: 0 }).notNull(),
    opsGet: numeric('ops_get', { precision: 40, scale: 0 }).notNull(),
    opsList: numeric('ops_list', { precision: 40, scale: 0 }).notNull(),
    opsOther: numeric('ops_other', { precision: 40, scale: 0 }).notNull(),
    bytesUploaded: numeric('bytes_uploaded', { precision: 40, scale: 0 }).notNull(),
    bytesDownloaded: numeric('bytes_downloaded', { precision: 40, scale: 0 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.bucket, t.epoch, t.userId] }), index('usage_daily_user').on(t.userId, t.day), index('usage_daily_day').on(t.day)],
);

/**
 * Storage sampling: a round reads every bucket's size (`ostor-buckets`) at one moment. A sample's
 * size holds from its round until the next round; a bucket missing from a round is empty (gone)
 * from then on. See lib/usage/sampler.ts.
 */
export const storageRounds = pgTable('storage_rounds', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** Whole seconds, so that byte-seconds stay exact integers. */
  at: timestamp('at', { withTimezone: true }).notNull().unique(),
  buckets: integer('buckets').notNull(),
});

/** The raw samples of a round, as the gateway reported them (`h_integral` and `hmax` shown, never billed). */
export const storageSamples = pgTable(
  'storage_samples',
  {
    roundId: bigint('round_id', { mode: 'number' })
      .notNull()
      .references(() => storageRounds.id),
    bucket: text('bucket').notNull(),
    epoch: bigint('epoch', { mode: 'bigint' }).notNull(),
    ownerId: text('owner_id').notNull(),
    size: bigint('size', { mode: 'bigint' }).notNull(),
    hIntegral: numeric('h_integral', { precision: 40, scale: 0 }).notNull(),
    hmax: numeric('hmax', { precision: 40, scale: 0 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.bucket, t.epoch] }), index('storage_samples_bucket').on(t.bucket, t.epoch)],
);

/**
 * Byte-seconds stored per bucket (name and epoch) per UTC day: the integral of the samples, added
 * in the same transaction as the round that closes each interval.
 */
export const storageDaily = pgTable(
  'storage_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    bucket: text('bucket').notNull(),
    epoch: bigint('epoch', { mode: 'bigint' }).notNull(),
    ownerId: text('owner_id').notNull(),
    byteSeconds: numeric('byte_seconds', { precision: 40, scale: 0 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.bucket, t.epoch] }), index('storage_daily_owner').on(t.ownerId, t.day), index('storage_daily_bucket').on(t.bucket, t.epoch, t.day)],
);

/**
 * Background jobs as every console instance sees them: what runs, who started it, how far it got
 * and how it ended. On a PostgreSQL server the queue itself is pg-boss (the run's id is its job's
 * id); on the embedded database jobs run in the one process. See lib/jobs/.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual', 'api'] }).notNull(),
    startedBy: text('started_by').notNull(),
    state: text('state', { enum: ['queued', 'running', 'done', 'failed', 'busy', 'interrupted'] }).notNull(),
    progress: jsonb('progress'),
    message: text('message'),
    errors: jsonb('errors').$type<string[]>().notNull().default([]),
    /** Which console instance runs it (host:pid), and its last sign of life. */
    instance: text('instance'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    /** How many times it was started: more than once after an instance stopped or died mid-run. */
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('job_runs_kind').on(t.kind, t.createdAt), index('job_runs_state').on(t.state)],
);

export type JobRunRow = typeof jobRuns.$inferSelect;

/** What a billing system's token may do (lib/api-tokens). */
export type ApiScope = 'provisioning' | 'usage:read' | 'sso';

/**
 * Tokens with which billing systems call `/api/v1`. Only a hash of the secret is kept: the token
 * is shown once. `rate_tokens`/`rate_at` are the token's rate-limit bucket, kept here so that the
 * limit holds across instances.
 */
export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  scopes: jsonb('scopes').$type<ApiScope[]>().notNull(),
  secretHash: text('secret_hash').notNull(),
  allowedCidrs: jsonb('allowed_cidrs').$type<string[]>().notNull().default([]),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  lastUsedAddress: text('last_used_address'),
  rateTokens: doublePrecision('rate_tokens').notNull().default(40),
  rateAt: timestamp('rate_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export type ServiceState = 'incomplete' | 'active' | 'suspended' | 'terminating' | 'terminated';

/** A purge of a terminated service's buckets and user: followed by the billing system as a job. */
export interface ServicePurge {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  requestedAt: string;
  finishedAt?: string;
  bucketsDeleted: number;
  objectsDeleted: number;
  message?: string;
}

/**
 * A billing system's service (its own id) bound to one S3 user and one plan. The gateway stays
 * the source of truth for the user; this is the binding, its lifecycle state and what is needed to
 * answer a repeated create the same way. Terminated services are kept so that their last month
 * can still be invoiced.
 */
export const services = pgTable(
  'services',
  {
    serviceId: text('service_id').primaryKey(),
    userId: text('user_id'),
    email: text('email').notNull(),
    planId: uuid('plan_id').notNull(),
    state: text('state').$type<ServiceState>().notNull(),
    /** The token that created it (its name kept for when the token is gone). */
    tokenId: text('token_id'),
    tokenName: text('token_name').notNull(),
    /** A hash of the create call's body: the same serviceId with another body is a conflict. */
    requestHash: text('request_hash').notNull(),
    adopted: boolean('adopted').notNull().default(false),
    /** Whether the first secret key reached the billing system (a create that failed midway never sent it). */
    secretDelivered: boolean('secret_delivered').notNull().default(false),
    /** A create under way holds the service until then; a repeat waits, or takes over after it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    suspendedReason: text('suspended_reason'),
    purge: jsonb('purge').$type<ServicePurge>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    terminatedAt: timestamp('terminated_at', { withTimezone: true }),
  },
  (t) => [index('services_user').on(t.userId), index('services_state').on(t.state)],
);

export type ServiceRow = typeof services.$inferSelect;

/** `Idempotency-Key` headers a token has used, and the service each one created. */
export const apiIdempotency = pgTable(
  'api_idempotency',
  {
    tokenId: text('token_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    serviceId: text('service_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] })],
);

/** One-time sign-in addresses for a service's customer: only a hash of the ticket is kept. */
export const ssoTickets = pgTable('sso_tickets', {
  hash: text('hash').primaryKey(),
  serviceId: text('service_id').notNull(),
  userId: text('user_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
