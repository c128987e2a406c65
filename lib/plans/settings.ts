import { LIMIT_KEYS, LIMIT_LABELS, limitText, quotaText, type LimitKey } from '../limits/labels';

/**
 * The settings a plan decides for a user, each by a key: `user-quota`, `limit:<name>` for the six
 * limits, and `bucket-quota:<bucket>` for each bucket the user owns. Drift, overrides and the
 * steps of applying a plan all speak of settings by these keys; people read them through
 * `settingName` and `settingText`. Written for both sides: no server code here.
 */

export const USER_QUOTA = 'user-quota';
export const limitSetting = (name: LimitKey) => `limit:${name}`;
export const bucketQuotaSetting = (bucket: string) => `bucket-quota:${bucket}`;

const LIMIT_KEY = new RegExp(`^limit:(${LIMIT_KEYS.join('|')})$`);
const BUCKET_KEY = /^bucket-quota:([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])$/;

export const isSettingKey = (key: string): boolean => key === USER_QUOTA || LIMIT_KEY.test(key) || BUCKET_KEY.test(key);

export const limitOf = (key: string): LimitKey | null => (LIMIT_KEY.exec(key)?.[1] as LimitKey | undefined) ?? null;
export const bucketOf = (key: string): string | null => BUCKET_KEY.exec(key)?.[1] ?? null;

/** `User quota`, `GET limit`, `Quota of bucket photos`. */
export function settingName(key: string): string {
  if (key === USER_QUOTA) return 'User quota';
  const limit = limitOf(key);
  if (limit) return limit === 'out' ? 'Bandwidth limit (out)' : `${LIMIT_LABELS[limit].label} limit`;
  const bucket = bucketOf(key);
  if (bucket) return `Quota of bucket ${bucket}`;
  return key;
}

/** A setting's value for people: `unlimited`, `12 GB`, `200 ops/s`. */
export function settingText(key: string, value: number): string {
  const limit = limitOf(key);
  return limit ? limitText(limit, value) : quotaText(value);
}
