import { z } from 'zod';
import { wholeNumber } from '../api/input';
import { paged } from '../api/common-schemas';
import { limitsAnswer, quotaAnswer } from '../limits/contract';
import { userPlanAnswer } from '../plans/contract';

/** Users, their key pairs and accounts: what the routes take and give. */

export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .min(3, 'Enter an email address.')
  .max(254, 'An email address is at most 254 characters.')
  .regex(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/, 'Enter a valid email address, like name@example.com.');

export const accountNameSchema = z
  .string({ error: 'Enter an account name.' })
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Use 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit.');

export const userListQuery = z.object({
  q: z.string().trim().max(254).default(''),
  state: z.enum(['all', 'enabled', 'disabled']).default('all'),
  plan: z.uuid('Choose a plan from the list.').optional(),
  /** Users whose gateway settings differ from their plan at the last check (or whose plan is not fully applied). */
  drift: z.enum(['all', 'drifted'], { error: 'drift is "all" or "drifted".' }).default('all'),
  sort: z.enum(['email', 'plan', 'stored', 'buckets', 'added'], { error: 'Sort by email, plan, stored, buckets or added.' }).default('email'),
  order: z.enum(['asc', 'desc'], { error: 'order is "asc" or "desc".' }).default('asc'),
  page: wholeNumber('page', { min: 1, max: 1_000_000 }).default(1),
  pageSize: z.enum(['25', '50', '100'], { error: 'pageSize must be 25, 50 or 100' }).default('25').transform(Number),
});

export type UserListQuery = z.infer<typeof userListQuery>;

const keyId = z.object({ accessKeyId: z.string() });
export const keyPairSchema = z.object({ accessKeyId: z.string(), secretKey: z.string() });
/** Said when the gateway's answer to a create was lost and the console read the result back. */
const recovered = z.string().optional();

export const userSummary = z.object({
  id: z.string(),
  email: z.string(),
  state: z.enum(['enabled', 'disabled']),
  console: z.boolean(),
  /** The user's plan, and whether the gateway matched it at the last check. */
  plan: z.object({ id: z.string(), name: z.string(), state: z.enum(['in-sync', 'drifted', 'incomplete', 'unchecked']) }).nullable(),
  /** Bytes in the user's buckets and how many there are (null while the bucket list is being read). */
  storedBytes: z.string().nullable(),
  buckets: z.number().int().nullable(),
  /** When the console created the user or first saw it (the gateway keeps no creation date). */
  addedAt: z.string().nullable(),
});

/** What the browser may see of a user: key ids only, never a secret (those come from `reveal`). */
export const userDetailSchema = z.object({
  id: z.string(),
  email: z.string(),
  state: z.enum(['enabled', 'disabled']),
  flags: z.array(z.string()),
  system: z.boolean(),
  keys: z.array(keyId),
  accounts: z.array(z.object({ name: z.string(), keys: z.array(keyId) })),
  buckets: z.array(z.object({ name: z.string(), epoch: z.number(), createdAt: z.string(), sizeBytes: z.string(), hmaxBytes: z.string() })),
});

export const usersContract = {
  'GET /api/users': { query: userListQuery, answer: paged(userSummary) },
  'POST /api/users': {
    body: z.object({ email: emailSchema, planId: z.uuid('Choose a plan.').nullish() }),
    answer: z.object({
      user: z.object({ id: z.string(), email: z.string() }),
      keyPair: keyPairSchema,
      plan: z.object({ plan: z.object({ id: z.string(), name: z.string() }), status: z.enum(['applied', 'incomplete']) }).nullable(),
      recovered,
    }),
  },
  'GET /api/users/:id': { answer: userDetailSchema.extend({ limits: limitsAnswer, quota: quotaAnswer, plan: userPlanAnswer.nullable() }) },
  'DELETE /api/users/:id': { answer: z.object({ deleted: z.literal(true) }) },
  'POST /api/users/:id/enable': { answer: z.object({ state: z.literal('enabled') }) },
  'POST /api/users/:id/disable': { answer: z.object({ state: z.literal('disabled') }) },
  'POST /api/users/:id/keys': { answer: z.object({ keyPair: keyPairSchema, recovered }) },
  'DELETE /api/users/:id/keys/:keyId': { answer: z.object({ revoked: z.string() }) },
  'POST /api/users/:id/keys/:keyId/reveal': { answer: keyPairSchema },
  'POST /api/users/:id/accounts': {
    body: z.object({ name: accountNameSchema }),
    answer: z.object({ account: z.object({ name: z.string() }), keyPair: keyPairSchema.nullable(), recovered }),
  },
  'DELETE /api/users/:id/accounts/:name': { answer: z.object({ deleted: z.string() }) },
  'POST /api/users/:id/accounts/:name/keys': { answer: z.object({ keyPair: keyPairSchema, recovered }) },
  'DELETE /api/users/:id/accounts/:name/keys/:keyId': { answer: z.object({ revoked: z.string() }) },
} as const;

export type UserList = z.output<(typeof usersContract)['GET /api/users']['answer']>;
export type UserDetail = z.output<typeof userDetailSchema>;
export type UserPageData = z.output<(typeof usersContract)['GET /api/users/:id']['answer']>;
export type CreatedUser = z.output<(typeof usersContract)['POST /api/users']['answer']>;
export type NewKeyPair = z.output<typeof keyPairSchema>;
export type NewKeys = { keyPair: NewKeyPair; recovered?: string };
export type CreatedAccount = z.output<(typeof usersContract)['POST /api/users/:id/accounts']['answer']>;
