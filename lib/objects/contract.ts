import { z } from 'zod';
import type { Contract, Endpoint } from '../api/contract';
import { wholeNumber } from '../api/input';
import { limitsAnswer, quotaAnswer } from '../limits/contract';
import { userPlanAnswer } from '../plans/contract';
import { accountNameSchema, keyPairSchema, userDetailSchema } from '../users/contract';
import { bucketNameProblem, folderNameProblem, objectKeyProblem } from './names';

/**
 * A customer's self-service and the object browser: what the routes take and give. The object
 * routes exist twice with the same shapes — under `/api/me/buckets/:name` for the bucket's owner
 * and under `/api/buckets/:name` for staff.
 */

const check = (problem: (v: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const why = problem(value);
  if (why) ctx.addIssue({ code: 'custom', message: why });
};

export const bucketName = z.string({ error: 'Enter a bucket name.' }).trim().superRefine(check(bucketNameProblem));
export const objectKey = z.string({ error: 'Name the object.' }).superRefine(check(objectKeyProblem));
/** A folder's prefix: empty (the bucket's top) or ending in "/". */
export const folderPrefix = z
  .string()
  .max(1024)
  .default('')
  .refine((p) => p === '' || (p.endsWith('/') && objectKeyProblem(p) === null), 'A folder is named by its path ending in “/”.');

import { DELETE_BATCH, MAX_PARTS, SHARE_SECONDS } from './limits';

export { DELETE_BATCH, MAX_PART_BYTES, MAX_PARTS, PART_BYTES, SHARE_SECONDS } from './limits';

const objectRow = z.object({ key: z.string(), name: z.string(), size: z.string(), lastModified: z.string().nullable(), etag: z.string().nullable() });
const folderRow = z.object({ prefix: z.string(), name: z.string() });

export const objectListQuery = z.object({
  prefix: folderPrefix,
  /** Names in this folder starting with these characters. */
  search: z.string().max(1024).default(''),
  /** Where the next page starts, as the previous page named it. */
  token: z.string().max(2048).optional(),
  pageSize: z.enum(['50', '100', '200'], { error: 'pageSize must be 50, 100 or 200' }).default('100').transform(Number),
});

export const objectKeyQuery = z.object({ key: objectKey });

export const objectDetail = z.object({
  key: z.string(),
  size: z.string(),
  etag: z.string().nullable(),
  contentType: z.string().nullable(),
  lastModified: z.string().nullable(),
  /** `x-amz-meta-*` as the uploader set them. */
  metadata: z.record(z.string(), z.string()),
  cacheControl: z.string().nullable(),
  contentDisposition: z.string().nullable(),
  contentEncoding: z.string().nullable(),
});

const uploaded = z.object({ key: z.string(), etag: z.string().nullable() });

/** The object browser's routes, by method and path under the bucket. */
export const OBJECT_ENDPOINTS = {
  'GET /objects': {
    query: objectListQuery,
    answer: z.object({ bucket: z.string(), prefix: z.string(), folders: z.array(folderRow), objects: z.array(objectRow), nextToken: z.string().nullable() }),
  },
  'GET /object': { query: objectKeyQuery, answer: objectDetail },
  'PUT /object': { query: objectKeyQuery, answer: uploaded },
  'GET /object/content': { query: objectKeyQuery, answer: z.unknown(), download: true },
  'POST /uploads': { body: z.strictObject({ key: objectKey, contentType: z.string().max(255).optional() }), answer: z.object({ uploadId: z.string() }) },
  'PUT /uploads/:uploadId': {
    query: z.object({ key: objectKey, part: wholeNumber('part', { min: 1, max: MAX_PARTS }) }),
    answer: z.object({ part: z.number().int(), etag: z.string() }),
  },
  'POST /uploads/:uploadId': {
    body: z.strictObject({
      key: objectKey,
      parts: z
        .array(z.strictObject({ part: z.number().int().min(1).max(MAX_PARTS), etag: z.string().min(1).max(200) }))
        .min(1, 'Name the uploaded parts.')
        .max(MAX_PARTS),
    }),
    answer: uploaded,
  },
  'DELETE /uploads/:uploadId': { query: objectKeyQuery, answer: z.object({ aborted: z.literal(true) }) },
  'POST /objects/delete': {
    body: z.strictObject({
      keys: z.array(objectKey).max(DELETE_BATCH, `Delete at most ${DELETE_BATCH} objects at a time.`).default([]),
      /** Folders: everything under each, a batch at a time (`more` says whether to call again). */
      prefixes: z.array(folderPrefix.refine((p) => p !== '', 'Choose a folder, not the whole bucket.')).max(100).default([]),
    }),
    answer: z.object({ deleted: z.number().int(), failed: z.array(z.object({ key: z.string(), message: z.string() })), more: z.boolean() }),
  },
  'POST /folders': {
    body: z.strictObject({ prefix: folderPrefix, name: z.string().superRefine(check(folderNameProblem)) }),
    answer: z.object({ prefix: z.string() }),
  },
  'POST /share': {
    body: z.strictObject({
      key: objectKey,
      expiresIn: z
        .number({ error: 'Choose how long the link lasts.' })
        .int()
        .min(SHARE_SECONDS.min, 'A link lasts at least an hour.')
        .max(SHARE_SECONDS.max, 'A link lasts at most seven days.'),
    }),
    answer: z.object({ url: z.string(), expiresAt: z.string() }),
  },
} as const;

/** The object routes under one base path, for the route tables and documentation. */
const under = (base: string): Contract =>
  Object.fromEntries(Object.entries(OBJECT_ENDPOINTS).map(([k, v]) => [k.replace(' ', ` ${base}`), v as Endpoint]));

const bucketView = userDetailSchema.shape.buckets.element.extend({
  /** The bucket's own quota and the default for buckets (null: could not be read just now). */
  quota: quotaAnswer.nullable(),
});

export const selfContract = {
  'GET /api/me': {
    answer: userDetailSchema.omit({ buckets: true }).extend({
      buckets: z.array(bucketView),
      limits: limitsAnswer,
      quota: quotaAnswer,
      plan: userPlanAnswer.nullable(),
      storedBytes: z.string(),
      /** The key pair this session signed in with (null: single sign-on from the billing system). */
      sessionKeyId: z.string().nullable(),
      connection: z.object({ endpoint: z.string(), region: z.string(), addressing: z.literal('path') }),
    }),
  },
  'POST /api/me/keys': { answer: z.object({ keyPair: keyPairSchema, recovered: z.string().optional() }) },
  'DELETE /api/me/keys/:keyId': { answer: z.object({ revoked: z.string(), sessionEnded: z.boolean() }) },
  'POST /api/me/accounts': {
    body: z.object({ name: accountNameSchema }),
    answer: z.object({ account: z.object({ name: z.string() }), keyPair: keyPairSchema.nullable(), recovered: z.string().optional() }),
  },
  'DELETE /api/me/accounts/:name': { answer: z.object({ deleted: z.string() }) },
  'POST /api/me/accounts/:name/keys': { answer: z.object({ keyPair: keyPairSchema, recovered: z.string().optional() }) },
  'DELETE /api/me/accounts/:name/keys/:keyId': { answer: z.object({ revoked: z.string() }) },
  'POST /api/me/buckets': { body: z.strictObject({ name: bucketName }), answer: z.object({ name: z.string() }) },
  'DELETE /api/me/buckets/:name': { body: z.strictObject({ confirm: z.string() }), answer: z.object({ deleted: z.string() }) },
} as const;

export const selfObjectsContract = under('/api/me/buckets/:name');

export const objectsContract = under('/api/buckets/:name');

type Self = typeof selfContract;
export type Overview = z.output<Self['GET /api/me']['answer']>;
type Objects = typeof OBJECT_ENDPOINTS;
export type ObjectList = z.output<Objects['GET /objects']['answer']>;
export type ObjectDetail = z.output<typeof objectDetail>;
export type DeleteResult = z.output<Objects['POST /objects/delete']['answer']>;
export type ShareLink = z.output<Objects['POST /share']['answer']>;
export type UploadStarted = z.output<Objects['POST /uploads']['answer']>;
export type PartSent = z.output<Objects['PUT /uploads/:uploadId']['answer']>;
