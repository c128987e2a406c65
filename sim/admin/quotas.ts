import { emptyOk, jsonResponse, noContent, type Ctx, type SimResponse } from '../context';
import { invalidArgument, methodNotAllowed } from '../errors';
import { toJson } from '../json';
import { nonNegativeNumber, readParams, requireValue } from './params';
import { userOrBucketKey } from './target';

/** 1 EB: any larger quota is a typo. */
const MAX_QUOTA_GB = 1_000_000_000;

function quotaKey(ctx: Ctx, allowed: string[]) {
  const params = readParams(ctx.req, ['emailAddress', 'bucket', 'default', ...allowed]);
  let key = userOrBucketKey(ctx.store, params, ['default']);
  if (key === 'default') {
    const which = requireValue(params, 'default');
    if (which !== 'user' && which !== 'bucket') throw invalidArgument('default must be "user" or "bucket"');
    key = `default:${which}`;
  }
  return { key, params, type: key.startsWith('bucket') || key === 'default:bucket' ? 'bucket' : 'user' };
}

const quotaJson = (type: string, size: number) => toJson({ version: '1', type, size: String(size) });

/** `ostor-quotas`: storage quotas in GB for a user, a bucket, or the defaults; 0 is unlimited. */
export function quotasService(ctx: Ctx): SimResponse {
  const { req, store } = ctx;
  switch (req.method) {
    case 'GET': {
      const { key, type } = quotaKey(ctx, []);
      return jsonResponse(quotaJson(type, store.get('quotas', key) ?? 0));
    }
    case 'PUT': {
      const { key, params } = quotaKey(ctx, ['quota-size']);
      const size = nonNegativeNumber(params.get('quota-size'), 'quota-size', true);
      if (size > MAX_QUOTA_GB) throw invalidArgument(`quota-size may be at most ${MAX_QUOTA_GB} GB`);
      store.commit([{ c: 'quotas', k: key, v: size }]);
      return emptyOk();
    }
    case 'DELETE': {
      const { key } = quotaKey(ctx, []);
      store.commit([{ c: 'quotas', k: key, v: null }]);
      return noContent();
    }
    default:
      throw methodNotAllowed(req.method, 'ostor-quotas');
  }
}
