import { z } from 'zod';
import type { Bucket, UserInfo } from '../gateway/schemas';

/** What the browser may see of a user: key ids only, never a secret (those come from `reveal`). */
export const userDetailSchema = z.object({
  id: z.string(),
  email: z.string(),
  state: z.enum(['enabled', 'disabled']),
  flags: z.array(z.string()),
  system: z.boolean(),
  keys: z.array(z.object({ accessKeyId: z.string() })),
  accounts: z.array(z.object({ name: z.string(), keys: z.array(z.object({ accessKeyId: z.string() })) })),
  buckets: z.array(z.object({ name: z.string(), epoch: z.number(), createdAt: z.string(), sizeBytes: z.string(), hmaxBytes: z.string() })),
});

export type UserDetail = z.infer<typeof userDetailSchema>;

export function userDetail(info: UserInfo, buckets: Bucket[]): UserDetail {
  return userDetailSchema.parse({
    id: info.UserId,
    email: info.UserEmail,
    state: info.State,
    flags: info.Flags,
    system: info.Flags.includes('system'),
    keys: info.AWSAccessKeys.map((k) => ({ accessKeyId: k.AWSAccessKeyId })),
    accounts: info.Accounts.map((a) => ({ name: a.Name, keys: a.AWSAccessKeys.map((k) => ({ accessKeyId: k.AWSAccessKeyId })) })),
    buckets: buckets.map((b) => ({ name: b.name, epoch: b.epoch, createdAt: b.creation_date, sizeBytes: b.size.current.toString(), hmaxBytes: b.size.hmax.toString() })),
  });
}

export const newKeyPairSchema = z.object({ accessKeyId: z.string(), secretKey: z.string() });
export type NewKeyPair = z.infer<typeof newKeyPairSchema>;

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

export const MAX_KEY_PAIRS = 2;
