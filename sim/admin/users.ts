import { emptyOk, jsonResponse, noContent, type Ctx, type SimResponse } from '../context';
import { methodNotAllowed, noSuchAccount, noSuchKey, S3Error } from '../errors';
import { toJson } from '../json';
import {
  findUserByEmail,
  findUserById,
  keyPairs,
  MAX_KEYS,
  newKey,
  newUser,
  refuseSystemUser,
  tooManyKeys,
} from '../model/users';
import type { UserRecord } from '../store/records';
import type { Change, Store } from '../store/store';
import { exactlyOne, flag, readParams, requireValue, validEmail, type Params } from './params';

let listCache: { version: number; text: string } | null = null;

function listUsers(store: Store): SimResponse {
  if (listCache?.version !== store.versions.users) {
    const parts: string[] = [];
    for (const u of store.maps.users.values()) {
      parts.push(toJson({ UserEmail: u.email, UserId: u.id, State: u.state, OwnerId: u.ownerId }));
    }
    listCache = { version: store.versions.users, text: `[${parts.join(',')}]` };
  }
  return jsonResponse(listCache.text);
}

function userInfo(store: Store, u: UserRecord): SimResponse {
  return jsonResponse(
    toJson({
      UserEmail: u.email,
      UserId: u.id,
      State: u.state,
      OwnerId: u.ownerId,
      Flags: u.flags,
      AWSAccessKeys: keyPairs(store, u.keys),
      AccountCount: String(u.accounts.length),
      Accounts: u.accounts.map((a) => ({ Name: a.name, AWSAccessKeys: keyPairs(store, a.keys) })),
    }),
  );
}

function target(store: Store, params: Params): UserRecord {
  return findUserByEmail(store, requireValue(params, 'emailAddress'));
}

function get({ req, store }: Ctx): SimResponse {
  const params = readParams(req, ['emailAddress', 'id']);
  if (params.size === 0) return listUsers(store);
  const by = exactlyOne(params, ['emailAddress', 'id'] as const, 'to query one user');
  const user = by === 'id' ? findUserById(store, requireValue(params, 'id')) : target(store, params);
  return userInfo(store, user);
}

function create({ req, store }: Ctx): SimResponse {
  const params = readParams(req, ['emailAddress']);
  const email = validEmail(requireValue(params, 'emailAddress'));
  const { user, key, changes } = newUser(store, email);
  store.commit(changes);
  return jsonResponse(
    toJson({ UserEmail: user.email, UserId: user.id, AWSAccessKeys: keyPairs(store, [key.id]) }),
  );
}

function remove({ req, store }: Ctx): SimResponse {
  const user = target(store, readParams(req, ['emailAddress']));
  refuseSystemUser(user);
  const owned = store.bucketsByOwner.get(user.id)?.size ?? 0;
  if (owned > 0) {
    throw new S3Error(409, 'UserHasBuckets', `The user ${user.email} owns ${owned} bucket(s); delete them first`);
  }
  const keys = [...user.keys, ...user.accounts.flatMap((a) => a.keys)];
  store.commit([
    { c: 'users', k: user.id, v: null },
    ...keys.map((k): Change => ({ c: 'keys', k, v: null })),
    { c: 'limits', k: `user:${user.id}`, v: null },
    { c: 'quotas', k: `user:${user.id}`, v: null },
  ]);
  return noContent();
}

const POST_ACTIONS = ['disable', 'enable', 'genKey', 'revokeKey'] as const;

function post({ req, store }: Ctx): SimResponse {
  const params = readParams(req, ['emailAddress', 'accountName', ...POST_ACTIONS]);
  const user = target(store, params);
  const action = exactlyOne(params, POST_ACTIONS, 'with POST /?ostor-users');
  refuseSystemUser(user);
  if (action === 'disable' || action === 'enable') {
    flag(params, action);
    if (params.has('accountName')) throw new S3Error(400, 'InvalidArgument', `"${action}" applies to a user, not an account`);
    store.commit([{ c: 'users', k: user.id, v: { ...user, state: action === 'disable' ? 'disabled' : 'enabled' } }]);
    return emptyOk();
  }
  const accountName = params.has('accountName') ? requireValue(params, 'accountName') : null;
  const accountIndex = accountName === null ? -1 : user.accounts.findIndex((a) => a.name === accountName);
  if (accountName !== null && accountIndex < 0) throw noSuchAccount(accountName);
  const ownKeys = accountIndex < 0 ? user.keys : user.accounts[accountIndex].keys;
  const withKeys = (keys: string[]): UserRecord =>
    accountIndex < 0
      ? { ...user, keys }
      : { ...user, accounts: user.accounts.map((a, i) => (i === accountIndex ? { ...a, keys } : a)) };

  if (action === 'genKey') {
    flag(params, 'genKey');
    if (ownKeys.length >= MAX_KEYS) throw tooManyKeys(accountName ? `The account ${accountName}` : `The user ${user.email}`);
    const key = newKey(store, user.id, accountName);
    store.commit([
      { c: 'keys', k: key.id, v: key },
      { c: 'users', k: user.id, v: withKeys([...ownKeys, key.id]) },
    ]);
    return jsonResponse(toJson({ UserEmail: user.email, UserId: user.id, AWSAccessKeys: keyPairs(store, [key.id]) }));
  }

  const keyId = requireValue(params, 'revokeKey');
  if (!ownKeys.includes(keyId)) {
    throw noSuchKey(`The access key ${keyId} does not belong to ${accountName ? `the account ${accountName}` : user.email}`);
  }
  store.commit([
    { c: 'keys', k: keyId, v: null },
    { c: 'users', k: user.id, v: withKeys(ownKeys.filter((k) => k !== keyId)) },
  ]);
  return emptyOk();
}

export function usersService(ctx: Ctx): SimResponse {
  switch (ctx.req.method) {
    case 'GET':
      return get(ctx);
    case 'PUT':
      return create(ctx);
    case 'POST':
      return post(ctx);
    case 'DELETE':
      return remove(ctx);
    default:
      throw methodNotAllowed(ctx.req.method, 'ostor-users');
  }
}
