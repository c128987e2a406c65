import { invalidArgument, noSuchUser, S3Error } from '../errors';
import { cryptoRandom, newAccessKeyId, newSecret, newUserId, type Random } from '../ids';
import type { KeyRecord, UserRecord } from '../store/records';
import type { Change, Store } from '../store/store';

export const MAX_KEYS = 2;
export const OWNER_ID = '0000000000000000';

export function findUserByEmail(store: Store, email: string): UserRecord {
  const id = store.emailIndex.get(email.toLowerCase());
  const user = id ? store.get('users', id) : undefined;
  if (!user) throw noSuchUser(email);
  return user;
}

export function findUserById(store: Store, id: string): UserRecord {
  const user = store.get('users', id);
  if (!user) throw noSuchUser(id);
  return user;
}

function uniqueUserId(store: Store, random: Random): string {
  for (;;) {
    const id = newUserId(random);
    if (!store.maps.users.has(id)) return id;
  }
}

export function newKey(store: Store, userId: string, account: string | null, random: Random = cryptoRandom): KeyRecord {
  for (;;) {
    const id = newAccessKeyId(userId, random);
    if (!store.maps.keys.has(id)) return { id, secret: newSecret(random), userId, account };
  }
}

export interface NewUser {
  user: UserRecord;
  key: KeyRecord;
  changes: Change[];
}

export function newUser(
  store: Store,
  email: string,
  options: { system?: boolean; random?: Random; key?: { id: string; secret: string } } = {},
): NewUser {
  if (store.emailIndex.has(email.toLowerCase())) {
    throw new S3Error(409, 'UserAlreadyExists', `A user with the email ${email} already exists`);
  }
  const random = options.random ?? cryptoRandom;
  const id = options.key && /^[0-9a-f]{16}/.test(options.key.id) ? options.key.id.slice(0, 16) : uniqueUserId(store, random);
  const key: KeyRecord = options.key
    ? { id: options.key.id, secret: options.key.secret, userId: id, account: null }
    : newKey(store, id, null, random);
  const user: UserRecord = {
    id,
    email,
    state: 'enabled',
    flags: options.system ? ['system'] : [],
    ownerId: OWNER_ID,
    keys: [key.id],
    accounts: [],
  };
  return {
    user,
    key,
    changes: [
      { c: 'users', k: id, v: user },
      { c: 'keys', k: key.id, v: key },
    ],
  };
}

export function keyPairs(store: Store, ids: string[]) {
  return ids.map((id) => ({ AWSAccessKeyId: id, AWSSecretAccessKey: store.get('keys', id)?.secret ?? '' }));
}

/** The system user can only be looked at through the API: changing it could lock the operator out. */
export function refuseSystemUser(user: UserRecord): void {
  if (user.flags.includes('system')) {
    throw new S3Error(403, 'AccessDenied', 'A system user cannot be changed through the admin API');
  }
}

export function tooManyKeys(owner: string): S3Error {
  return new S3Error(409, 'TooManyAccessKeys', `${owner} already has ${MAX_KEYS} active access key pairs; revoke one first`);
}

export function checkAccountName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
    throw invalidArgument(`"${name.slice(0, 80)}" is not a valid account name (1-64 letters, digits, . _ -)`);
  }
  return name;
}
