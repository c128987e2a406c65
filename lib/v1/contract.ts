import { z } from 'zod';
import { emailSchema } from '../users/contract';

/**
 * The API for billing systems (`/api/v1`): every route's input and answer. The handlers parse
 * through these schemas and `/api/v1/openapi.json` is generated from them (lib/v1/openapi.ts), so
 * the reference cannot drift from what the routes do. Inputs are strict: an unknown field is a
 * 422 naming it.
 */

export const serviceIdSchema = z
  .string({ error: 'Give the service id.' })
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'A service id is 1 to 64 letters, digits, dots, underscores or hyphens.')
  .meta({ description: 'The billing system’s own id of the service (e.g. WHMCS’s service id).', example: 'whmcs-1042' });

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month is YYYY-MM, like 2026-11.')
  .meta({ description: 'A calendar month (UTC), YYYY-MM.', example: '2026-11' });

const decimal = (description: string) => z.string().regex(/^\d+(\.\d+)?$/).meta({ description });
const count = (description: string) => z.string().regex(/^\d+$/).meta({ description });

export const SERVICE_STATES = ['incomplete', 'active', 'suspended', 'terminating', 'terminated'] as const;
const state = z.enum(SERVICE_STATES).meta({
  description:
    '`incomplete`: a create stopped midway (repeat the same call to finish it); `active`; `suspended` (the S3 user is disabled); `terminating` (a purge is under way); `terminated` (the user is gone; the record stays for invoicing).',
});

const planRef = z.object({ id: z.string(), name: z.string() }).meta({ id: 'PlanRef' });

export const planSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    userQuotaGb: z.number().int().meta({ description: 'The user quota in GB (10^9 bytes); 0 is unlimited.' }),
    bucketQuotaGb: z.number().int().meta({ description: 'The quota of each bucket in GB; 0 is unlimited.' }),
    limits: z.record(z.string(), z.number().int()).meta({ description: 'Rate (ops/s) and bandwidth (kB/s) limits by name; 0 is unlimited.' }),
  })
  .meta({ id: 'Plan' });

export const usageSchema = z
  .object({
    month,
    storageGbMonth: decimal('Storage in GB-month (10^9 bytes kept for a whole calendar month), exact to 9 decimals.'),
    gbIn: decimal('Bytes uploaded, in GB (10^9 bytes).'),
    gbOut: decimal('Bytes downloaded, in GB (10^9 bytes).'),
    requests: z.object({ put: count('PUT-class requests'), get: count('GET-class requests'), list: count('LIST-class requests'), other: count('Other requests'), total: count('All requests') }),
    storedBytes: z.number().int().nullable().meta({ description: 'Bytes stored now (from the last bucket listing); null when not known yet.' }),
    quotaBytes: z.number().int().nullable().meta({ description: 'The user quota in bytes (as the plan and the user’s overrides set it); null is unlimited.' }),
    collectedAt: z.string().nullable().meta({ description: 'When the gateway’s usage reports were last collected (ISO 8601, UTC).' }),
    sampledAt: z.string().nullable().meta({ description: 'When bucket sizes were last recorded (ISO 8601, UTC).' }),
  })
  .meta({ id: 'Usage' });

export const serviceSchema = z
  .object({
    serviceId: serviceIdSchema,
    userId: z.string().nullable().meta({ description: 'The S3 user id (null while a create has not made the user yet).' }),
    email: z.string(),
    state,
    suspendedReason: z.string().nullable(),
    plan: planRef.nullable(),
    planStatus: z.enum(['applied', 'drifted', 'applying', 'incomplete', 'unknown']).meta({ description: '`drifted`: the gateway differs from the plan (see `drift`).' }),
    drift: z.array(z.object({ setting: z.string(), plan: z.string(), gateway: z.string() })),
    quota: z.object({ limitBytes: z.number().int().nullable().meta({ description: 'null: unlimited' }), usedBytes: z.number().int() }).nullable(),
    accessKeyIds: z.array(z.string()),
    buckets: z.number().int().nullable(),
    usage: usageSchema.nullable(),
    endpoint: z.string().meta({ description: 'The S3 endpoint the customer uses.' }),
    region: z.string().meta({ description: 'The region S3 clients sign for.' }),
    createdAt: z.string(),
    terminatedAt: z.string().nullable(),
  })
  .meta({ id: 'Service' });

export const createdServiceSchema = z
  .object({
    serviceId: serviceIdSchema,
    userId: z.string(),
    email: z.string(),
    state,
    plan: planRef,
    endpoint: z.string().meta({ description: 'The S3 endpoint the customer uses.' }),
    region: z.string().meta({ description: 'The region S3 clients sign for.' }),
    accessKeyId: z.string().nullable(),
    secretAccessKey: z.string().optional().meta({ description: 'Given once: in the answer that created (or adopted) the service.' }),
    note: z.string().optional(),
  })
  .meta({ id: 'CreatedService' });

export const jobSchema = z
  .object({
    id: z.string(),
    kind: z.literal('purge'),
    serviceId: serviceIdSchema,
    state: z.enum(['queued', 'running', 'done', 'failed']),
    bucketsDeleted: z.number().int(),
    objectsDeleted: z.number().int().meta({ description: 'Objects deleted as recorded; after an instance died mid-purge, the few it deleted after its last record are not counted.' }),
    message: z.string().nullable(),
    requestedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });

const cursorQuery = z.strictObject({
  cursor: serviceIdSchema.optional().meta({ description: 'The `next` of the previous page.' }),
  limit: z.coerce.number({ error: 'limit is a whole number from 1 to 1000.' }).int('limit is a whole number from 1 to 1000.').min(1, 'limit is a whole number from 1 to 1000.').max(1000, 'limit is a whole number from 1 to 1000.').default(100),
});

const next = z.string().nullable().meta({ description: 'Give it as `cursor` for the next page; null on the last.' });

export const serviceUsageLine = usageSchema.extend({ serviceId: serviceIdSchema, userId: z.string().nullable(), email: z.string(), state }).meta({ id: 'ServiceUsage' });

export type Scope = 'provisioning' | 'usage:read' | 'sso';

export interface V1Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI style: `/api/v1/services/{serviceId}`. */
  path: string;
  summary: string;
  description?: string;
  scope: Scope | null;
  query?: z.ZodType;
  body?: z.ZodType;
  answer: z.ZodType;
  /** Other statuses the route answers on purpose (besides 401/403/422/429/5xx, which every route may). */
  statuses?: Record<number, string>;
  idempotencyKey?: boolean;
}

const byId = { serviceId: serviceIdSchema };

export const V1 = {
  listPlans: {
    method: 'GET',
    path: '/api/v1/plans',
    summary: 'Plans, for a billing system’s product settings',
    scope: 'provisioning',
    answer: z.object({ items: z.array(planSchema) }),
  },
  createService: {
    method: 'POST',
    path: '/api/v1/services',
    summary: 'Create a service: an S3 user on a plan',
    description:
      'Idempotent: the same `serviceId` with the same body answers the same service (the secret only the first time); another body is a 409. An email that exists on the gateway is a 409 unless `adopt` is true, which binds that user. A create that stops midway leaves the service `incomplete`: the same call finishes it.',
    scope: 'provisioning',
    idempotencyKey: true,
    body: z.strictObject({
      serviceId: serviceIdSchema,
      email: emailSchema.meta({ description: 'The S3 user’s email (its name on the gateway).' }),
      plan: z.string({ error: 'Give a plan’s name or id.' }).trim().min(1, 'Give a plan’s name or id.').max(200).meta({ description: 'A plan’s name or id.' }),
      adopt: z.boolean({ error: 'adopt is true or false.' }).optional().meta({ description: 'Bind a user that already exists on the gateway.' }),
    }),
    answer: createdServiceSchema,
    statuses: { 200: 'Created, or the same service again', 409: 'Another body for this service id, the email exists, or a create of it is under way' },
  },
  listServices: {
    method: 'GET',
    path: '/api/v1/services',
    summary: 'All services, a page at a time (by service id)',
    scope: 'provisioning',
    query: cursorQuery,
    answer: z.object({ items: z.array(serviceSchema.omit({ usage: true, drift: true, quota: true, accessKeyIds: true, buckets: true, endpoint: true, region: true })), next }),
  },
  getService: {
    method: 'GET',
    path: '/api/v1/services/{serviceId}',
    summary: 'A service: state, plan and drift, quota and use, keys, buckets, this month’s usage',
    scope: 'provisioning',
    params: byId,
    answer: serviceSchema,
    statuses: { 404: 'No such service' },
  },
  terminateService: {
    method: 'DELETE',
    path: '/api/v1/services/{serviceId}',
    summary: 'Terminate a service',
    description:
      'Deletes the S3 user. Refused (409, naming them) while the user has buckets, unless `purge=true`: then a job empties and deletes the buckets and the user (follow it at `/api/v1/jobs/{id}`). The service record is kept, `terminated`, so its last month can be invoiced.',
    scope: 'provisioning',
    params: byId,
    query: z.strictObject({ purge: z.enum(['true', 'false'], { error: 'purge is true or false.' }).default('false') }),
    answer: z.object({ service: serviceSchema.pick({ serviceId: true, state: true, terminatedAt: true }), job: jobSchema.nullable() }),
    statuses: { 404: 'No such service', 409: 'The user still has buckets' },
  },
  suspendService: {
    method: 'POST',
    path: '/api/v1/services/{serviceId}/suspend',
    summary: 'Suspend: disable the S3 user (repeating it is harmless)',
    scope: 'provisioning',
    params: byId,
    body: z.strictObject({ reason: z.string().trim().max(500, 'A reason is at most 500 characters.').optional() }),
    answer: serviceSchema.pick({ serviceId: true, state: true, suspendedReason: true }),
  },
  unsuspendService: {
    method: 'POST',
    path: '/api/v1/services/{serviceId}/unsuspend',
    summary: 'Unsuspend: enable the S3 user again (repeating it is harmless)',
    scope: 'provisioning',
    params: byId,
    body: z.strictObject({}),
    answer: serviceSchema.pick({ serviceId: true, state: true, suspendedReason: true }),
  },
  changePlan: {
    method: 'PUT',
    path: '/api/v1/services/{serviceId}/plan',
    summary: 'Change plan (or apply the same plan again): applied on the gateway, read back, drift reported',
    scope: 'provisioning',
    params: byId,
    body: z.strictObject({ plan: z.string({ error: 'Give a plan’s name or id.' }).trim().min(1, 'Give a plan’s name or id.').max(200) }),
    answer: serviceSchema.pick({ serviceId: true, state: true, plan: true, planStatus: true, drift: true }),
  },
  rotateKeys: {
    method: 'POST',
    path: '/api/v1/services/{serviceId}/keys',
    summary: 'A new key pair (shown once); the one named in `revoke` is revoked once the new one exists',
    description: 'The gateway holds at most two key pairs per user: with two, name the one to replace in `revoke`.',
    scope: 'provisioning',
    params: byId,
    body: z.strictObject({ revoke: z.string().trim().regex(/^[A-Za-z0-9]{16,128}$/, 'revoke is an access key id.').optional() }),
    answer: z.object({ accessKeyId: z.string(), secretAccessKey: z.string(), revoked: z.string().nullable(), accessKeyIds: z.array(z.string()) }),
    statuses: { 409: 'The user already has two key pairs and none was named to revoke' },
  },
  serviceUsage: {
    method: 'GET',
    path: '/api/v1/services/{serviceId}/usage',
    summary: 'A service’s usage for a month, as invoiced',
    scope: 'usage:read',
    params: byId,
    query: z.strictObject({ month }),
    answer: serviceUsageLine,
  },
  allUsage: {
    method: 'GET',
    path: '/api/v1/usage',
    summary: 'Every service’s usage for a month, a page at a time: for nightly billing runs',
    scope: 'usage:read',
    query: cursorQuery.extend({ month }),
    answer: z.object({ month, items: z.array(serviceUsageLine), next }),
  },
  sso: {
    method: 'POST',
    path: '/api/v1/services/{serviceId}/sso',
    summary: 'A one-time address that signs the service’s customer in',
    description: 'Valid 60 seconds, usable once, bound to the service’s S3 user; it holds no secret.',
    scope: 'sso',
    params: byId,
    body: z.strictObject({}),
    answer: z.object({ url: z.string(), expiresAt: z.string() }),
    statuses: { 409: 'The service is not active' },
  },
  getJob: {
    method: 'GET',
    path: '/api/v1/jobs/{id}',
    summary: 'A job started by a call (a purge), and how far it got',
    scope: 'provisioning',
    params: { id: z.string().meta({ description: 'The job id given by the call that started it.' }) },
    answer: jobSchema,
    statuses: { 404: 'No such job' },
  },
} satisfies Record<string, V1Endpoint & { params?: Record<string, z.ZodType> }>;

export type V1Name = keyof typeof V1;
