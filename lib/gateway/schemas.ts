import { z } from 'zod';

/** Gateway answers, as the spec digest gives them. Unknown extra fields are tolerated, not passed on. */

export const keyPairSchema = z.object({ AWSAccessKeyId: z.string().min(1), AWSSecretAccessKey: z.string() });

export const userSummarySchema = z.object({
  UserEmail: z.string(),
  UserId: z.string().min(1),
  State: z.enum(['enabled', 'disabled']),
  OwnerId: z.string().optional(),
});

export const accountSchema = z.object({ Name: z.string(), AWSAccessKeys: z.array(keyPairSchema).default([]) });

export const userInfoSchema = userSummarySchema.extend({
  Flags: z.array(z.string()).default([]),
  AWSAccessKeys: z.array(keyPairSchema).default([]),
  // A string in the vendor guide's example ("3"); a number is accepted too.
  AccountCount: z.union([z.string(), z.number()]).optional(),
  Accounts: z.array(accountSchema).default([]),
});

export const newKeysSchema = z.object({ UserEmail: z.string(), UserId: z.string(), AWSAccessKeys: z.array(keyPairSchema).min(1) });

const counter = z.union([z.number(), z.bigint()]).transform((v) => BigInt(v));

export const bucketSchema = z.object({
  size: z.object({ current: counter, h_integral: counter, hmax: counter, last_ts: z.number() }),
  epoch: z.number(),
  owner_id: z.string(),
  name: z.string(),
  creation_date: z.string(),
});

export const bucketListSchema = z.object({ Buckets: z.array(bucketSchema) });

/**
 * What the console's whole-gateway bucket list keeps of each bucket: the same fields checked the
 * same way, but of the size only the current one. A million buckets parsed with every counter
 * made three million bigints that the list never read.
 */
export const bucketSummarySchema = bucketSchema.extend({ size: bucketSchema.shape.size.pick({ current: true }) });

export type KeyPair = z.infer<typeof keyPairSchema>;
export type UserSummary = z.infer<typeof userSummarySchema>;
export type UserInfo = z.infer<typeof userInfoSchema>;
export type Bucket = z.infer<typeof bucketSchema>;
export type BucketSummary = z.infer<typeof bucketSummarySchema>;

/** Limits come back as decimal strings ("3600.00", bandwidth "100"); 0 means no limit. */
const limitValue = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `not a limit: ${String(v)}` });
    return z.NEVER;
  }
  return n;
});

export const limitsSchema = z
  .object({
    'ops:default': limitValue,
    'ops:get': limitValue,
    'ops:put': limitValue,
    'ops:list': limitValue,
    'ops:delete': limitValue,
    'bandwidth:out': limitValue,
  })
  .transform((v) => ({
    default: v['ops:default'],
    get: v['ops:get'],
    put: v['ops:put'],
    list: v['ops:list'],
    delete: v['ops:delete'],
    out: v['bandwidth:out'],
  }));

export type Limits = z.infer<typeof limitsSchema>;
export const LIMIT_NAMES = ['default', 'get', 'put', 'list', 'delete', 'out'] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];

export const quotaSchema = z.object({
  version: z.union([z.string(), z.number()]).optional(),
  type: z.enum(['user', 'bucket']),
  size: z.union([z.string(), z.number()]).transform((v, ctx) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) {
      ctx.addIssue({ code: 'custom', message: `not a quota: ${String(v)}` });
      return z.NEVER;
    }
    return n;
  }),
});
