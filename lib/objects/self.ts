import 'server-only';
import { CreateBucketCommand, DeleteBucketCommand } from '@aws-sdk/client-s3';
import { answer } from '../api/contract';
import { ApiError } from '../api/errors';
import { body, route } from '../api/handler';
import { afterRequest } from '../api/after-request';
import { invalidateBucketList } from '../buckets/list-cache';
import { env } from '../config/env';
import { getBucket, listUserBuckets } from '../gateway/buckets';
import { unlessGone } from '../gateway/errors';
import { getQuota } from '../gateway/quotas';
import { limitsAndQuota } from '../limits/views';
import { planStatus } from '../plans/for-user';
import { invalidateUserList } from '../users/list-cache';
import { ownUser } from '../users/own';
import { userDetail } from '../users/views';
import { bucketAccess, sessionPair } from './access';
import { selfContract } from './contract';
import { publicEndpoint } from './endpoint';
import { s3Call, s3For } from './s3';

/** Buckets whose own quota is read for the overview; past this many the list shows sizes only. */
const QUOTAS_READ = 100;

/** A customer's overview: who, state, plan, quota against use (theirs and per bucket), limits, where to connect. */
export const overviewRoute = route('self.read', async ({ user }) => {
  const info = await ownUser(user);
  const [buckets, settings, bucketDefault] = await Promise.all([
    listUserBuckets(info.UserEmail),
    limitsAndQuota({ emailAddress: info.UserEmail }, { emailAddress: info.UserEmail }, 'user'),
    getQuota({ default: 'bucket' }),
  ]);
  const own = await Promise.all(buckets.map((b, i) => (i < QUOTAS_READ ? getQuota({ bucket: b.name }).catch(() => null) : Promise.resolve(null))));
  // The plan check compares with what was just read, bucket quotas included.
  const bucketQuotas = new Map(buckets.flatMap((b, i): [string, number][] => (own[i] === null ? [] : [[b.name, own[i]!]])));
  const plan = await planStatus(info, { buckets: buckets.map((b) => b.name), limits: settings.limits, quotaGb: settings.quota.ownGb, bucketQuotas });
  const detail = userDetail(info, buckets);
  return answer(selfContract['GET /api/me'], {
    ...detail,
    buckets: detail.buckets.map((b, i) => ({ ...b, quota: own[i] === null ? null : { ownGb: own[i]!, defaultGb: bucketDefault, effectiveGb: own[i]! || bucketDefault } })),
    ...settings,
    plan,
    storedBytes: buckets.reduce((sum, b) => sum + b.size.current, 0n).toString(),
    sessionKeyId: user.via === 'sso' ? null : (user.accessKeyId ?? null),
    connection: { endpoint: publicEndpoint(), region: env().GATEWAY_REGION, addressing: 'path' },
  });
});

const bucketsChanged = async () => {
  await afterRequest(() => Promise.all([invalidateBucketList(), invalidateUserList()]).then(() => undefined));
};

/** A new bucket, made with the customer's own key pair so that the customer owns it. */
export const createBucketRoute = route(
  'self.write',
  async ({ req, user, retarget }) => {
    const contract = selfContract['POST /api/me/buckets'];
    const { name } = await body(req, contract.body);
    retarget(`bucket:${name}`);
    // A new bucket changes nothing of the user's keys or state: no session needs checking afresh.
    const info = await ownUser(user);
    // The gateway answers a repeated create of one's own bucket with success, as S3 does in us-east-1: say so instead.
    if ((await unlessGone(getBucket(name)))?.owner_id === info.UserId) throw new ApiError(409, 'exists', 'You already have a bucket with that name.');
    await s3Call(() => s3For(sessionPair(info, user)).send(new CreateBucketCommand({ Bucket: name })));
    await bucketsChanged();
    return answer(contract, { name });
  },
  { action: 'bucket.create', target: () => 'bucket:(unnamed)' },
);

/** Deleting one's own bucket: the name typed again, and the gateway refuses one that holds objects. */
export const deleteBucketRoute = route<{ name: string }>(
  'self.write',
  async ({ req, user, params }) => {
    const contract = selfContract['DELETE /api/me/buckets/:name'];
    const { confirm } = await body(req, contract.body);
    const { bucket, pair } = await bucketAccess('self', user, params.name);
    if (confirm !== bucket) throw new ApiError(422, 'invalid_input', 'Type the bucket’s name exactly to confirm.', { confirm: 'Type the bucket’s name exactly to confirm.' });
    await s3Call(() => s3For(pair).send(new DeleteBucketCommand({ Bucket: bucket })));
    await bucketsChanged();
    return answer(contract, { deleted: bucket });
  },
  { action: 'bucket.delete', target: (p) => `bucket:${p.name}` },
);
