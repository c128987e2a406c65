import type { Bucket, UserInfo } from '../gateway/schemas';
import { userDetailSchema, type UserDetail } from './contract';

/** A gateway user as the browser may see it: key ids only, never a secret. */
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
