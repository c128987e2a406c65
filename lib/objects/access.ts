import 'server-only';
import { ApiError, notFound } from '../api/errors';
import type { SessionUser } from '../auth/options';
import type { Who } from '../auth/permissions';
import { bucketOr404 } from '../buckets/lookup';
import { getBucket } from '../gateway/buckets';
import { unlessGone } from '../gateway/errors';
import type { KeyPair, UserInfo } from '../gateway/schemas';
import { getUserById } from '../gateway/users';
import { ownUser } from '../users/own';
import { bucketNameProblem } from './names';


export interface BucketAccess {
  bucket: string;
  owner: UserInfo;
  /** The key pair the S3 calls are signed with: one of the owner's own. */
  pair: KeyPair;
}

/** The key pair a customer's session signs with: the one it signed in with, else (single sign-on) the first. */
export function sessionPair(info: UserInfo, user: SessionUser): KeyPair {
  const pair = info.AWSAccessKeys.find((k) => k.AWSAccessKeyId === user.accessKeyId) ?? info.AWSAccessKeys[0];
  if (!pair) throw new ApiError(409, 'no_keys', 'You have no key pair, and the console signs your storage requests with one: create a key pair first.');
  return pair;
}

/**
 * A bucket and the key pair to reach it with. A customer reaches only buckets their own user owns:
 * any other name — another customer's bucket or none at all — gets the same 404, so nothing says
 * which names exist. Staff reach any user's bucket, signed with that user's first key pair.
 */
export async function bucketAccess(who: Who, user: SessionUser, name: string): Promise<BucketAccess> {
  const invalid = bucketNameProblem(name);
  if (who === 'self') {
    const mine = () => notFound(`You have no bucket named “${name.slice(0, 63)}”.`);
    if (invalid) throw mine();
    const owner = await ownUser(user);
    const bucket = await unlessGone(getBucket(name));
    if (!bucket || bucket.owner_id !== owner.UserId) throw mine();
    return { bucket: name, owner, pair: sessionPair(owner, user) };
  }
  const bucket = await bucketOr404(name);
  const owner = await unlessGone(getUserById(bucket.owner_id));
  if (!owner) throw notFound('The bucket’s owner no longer exists on the gateway.');
  const pair = owner.AWSAccessKeys[0];
  if (!pair) throw new ApiError(409, 'no_keys', `The bucket’s owner (${owner.UserEmail}) has no key pair, and objects are read with the owner’s keys: generate one on the user’s page first.`);

  return { bucket: name, owner, pair };
}
