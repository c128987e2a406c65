import { emptyOk, jsonResponse, noContent, type Ctx, type SimResponse } from '../context';
import { invalidArgument, methodNotAllowed } from '../errors';
import { toJson } from '../json';
import type { LimitKey, LimitsRecord } from '../store/records';
import { flag, nonNegativeNumber, readParams, requireValue, type Params } from './params';
import { userOrBucketKey } from './target';

const OPS_RESOURCES = ['default', 'get', 'put', 'list', 'delete'] as const;
/** Far above anything a gateway could serve; guards against typos such as an extra zero run. */
const MAX_OPS = 1_000_000;
const MAX_BANDWIDTH = 100_000_000;

export const NO_LIMITS: LimitsRecord = { default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 };

export function limitsJson(limits: LimitsRecord) {
  return {
    'ops:default': limits.default.toFixed(2),
    'ops:get': limits.get.toFixed(2),
    'ops:put': limits.put.toFixed(2),
    'ops:list': limits.list.toFixed(2),
    'ops:delete': limits.delete.toFixed(2),
    'bandwidth:out': String(limits.out),
  };
}

function checked(key: LimitKey, text: string | null | undefined): number {
  const bandwidth = key === 'out';
  const value = nonNegativeNumber(text, bandwidth ? 'bandwidth:out' : `ops:${key}`, bandwidth);
  const max = bandwidth ? MAX_BANDWIDTH : MAX_OPS;
  if (value > max) throw invalidArgument(`${bandwidth ? 'bandwidth:out' : `ops:${key}`} may be at most ${max}`);
  return value;
}

/**
 * The limit a PUT sets, in either form: `limit-type=ops&limit-resource=get&limit-value=3600`
 * (the vendor guide's), or `&ops&get=3600` / `&bandwidth&out=100` (older gateways).
 */
function requestedLimit(params: Params): [LimitKey, number] {
  if (params.has('limit-type') || params.has('limit-resource') || params.has('limit-value')) {
    const type = requireValue(params, 'limit-type');
    const resource = requireValue(params, 'limit-resource');
    if (type === 'ops') {
      if (!(OPS_RESOURCES as readonly string[]).includes(resource)) {
        throw invalidArgument(`limit-resource for ops must be one of ${OPS_RESOURCES.join(', ')}`);
      }
      return [resource as LimitKey, checked(resource as LimitKey, params.get('limit-value'))];
    }
    if (type === 'bandwidth') {
      if (resource !== 'out') throw invalidArgument('limit-resource for bandwidth must be "out"');
      return ['out', checked('out', params.get('limit-value'))];
    }
    throw invalidArgument('limit-type must be "ops" or "bandwidth"');
  }
  if (params.has('ops') && flag(params, 'ops')) {
    const given = OPS_RESOURCES.filter((r) => params.has(r));
    if (given.length !== 1) throw invalidArgument(`With &ops give exactly one of ${OPS_RESOURCES.join(', ')}`);
    return [given[0], checked(given[0], params.get(given[0]))];
  }
  if (params.has('bandwidth') && flag(params, 'bandwidth')) return ['out', checked('out', params.get('out'))];
  throw invalidArgument('Say which limit to set: limit-type, limit-resource and limit-value');
}

const LEGACY = ['ops', 'bandwidth', ...OPS_RESOURCES, 'out'];

/** `ostor-limits`: per user (`emailAddress`) or per bucket (`bucket`). */
export function limitsService({ req, store }: Ctx): SimResponse {
  const target = ['emailAddress', 'bucket'];
  switch (req.method) {
    case 'GET': {
      const key = userOrBucketKey(store, readParams(req, target));
      return jsonResponse(toJson(limitsJson(store.get('limits', key) ?? NO_LIMITS)));
    }
    case 'PUT': {
      const params = readParams(req, [...target, 'limit-type', 'limit-resource', 'limit-value', ...LEGACY]);
      const key = userOrBucketKey(store, params);
      if (params.has('limit-type') && LEGACY.some((p) => params.has(p))) {
        throw invalidArgument('Use either limit-type/limit-resource/limit-value or the older form, not both');
      }
      const [limit, value] = requestedLimit(params);
      const limits = { ...(store.get('limits', key) ?? NO_LIMITS), [limit]: value };
      store.commit([{ c: 'limits', k: key, v: limits }]);
      return emptyOk();
    }
    case 'DELETE': {
      const key = userOrBucketKey(store, readParams(req, target));
      store.commit([{ c: 'limits', k: key, v: null }]);
      return noContent();
    }
    default:
      throw methodNotAllowed(req.method, 'ostor-limits');
  }
}
