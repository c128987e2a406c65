import { jsonResponse, noContent, type Ctx, type SimResponse } from '../context';
import { methodNotAllowed, noSuchAccount, S3Error } from '../errors';
import { toJson } from '../json';
import { checkAccountName, findUserByEmail, keyPairs, newKey, refuseSystemUser } from '../model/users';
import type { Change } from '../store/store';
import { readParams, requireValue } from './params';

/** `ostor-accounts`: PUT or POST creates (the vendor guide's text says PUT, its example POST), DELETE removes. */
export function accountsService({ req, store }: Ctx): SimResponse {
  if (!['PUT', 'POST', 'DELETE'].includes(req.method)) throw methodNotAllowed(req.method, 'ostor-accounts');
  const params = readParams(req, ['emailAddress', 'accountName']);
  const user = findUserByEmail(store, requireValue(params, 'emailAddress'));
  const name = checkAccountName(requireValue(params, 'accountName'));
  refuseSystemUser(user);
  const existing = user.accounts.find((a) => a.name === name);

  if (req.method === 'DELETE') {
    if (!existing) throw noSuchAccount(name);
    store.commit([
      ...existing.keys.map((k): Change => ({ c: 'keys', k, v: null })),
      { c: 'users', k: user.id, v: { ...user, accounts: user.accounts.filter((a) => a !== existing) } },
    ]);
    return noContent();
  }

  if (existing) throw new S3Error(409, 'AccountAlreadyExists', `The user ${user.email} already has an account ${name}`);
  const key = newKey(store, user.id, name);
  store.commit([
    { c: 'keys', k: key.id, v: key },
    { c: 'users', k: user.id, v: { ...user, accounts: [...user.accounts, { name, keys: [key.id] }] } },
  ]);
  return jsonResponse(toJson({ Name: name, AWSAccessKeys: keyPairs(store, [key.id]) }));
}
