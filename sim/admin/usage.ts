import { jsonResponse, noContent, type Ctx, type SimResponse } from '../context';
import { invalidArgument, methodNotAllowed, noSuchKey } from '../errors';
import { toJson } from '../json';
import type { Store } from '../store/store';
import { nonNegativeNumber, readParams, requireValue } from './params';

const DEFAULT_PAGE = 1000;
const MAX_PAGE = 10_000;

let sorted: { version: number; names: string[] } | null = null;

function sortedNames(store: Store): string[] {
  if (sorted?.version !== store.versions.usage) {
    sorted = { version: store.versions.usage, names: [...store.maps.usage.keys()].sort() };
  }
  return sorted.names;
}

/** First index whose name sorts after `after`. */
function startAfter(names: string[], after: string): number {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid] <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `ostor-usage`: statistics objects. Listing is paged by name (`limit`, then `after=<last name>`
 * while `truncated`), as the spec digest decides. With collection off, nothing is listed.
 */
export function usageService({ req, store, config }: Ctx): SimResponse {
  switch (req.method) {
    case 'GET': {
      const params = readParams(req, ['obj', 'limit', 'after']);
      if (params.has('obj')) {
        if (params.size > 1) throw invalidArgument('obj cannot be combined with limit or after');
        const name = requireValue(params, 'obj');
        const text = store.get('usage', name);
        if (text === undefined) throw noSuchKey(`The statistics object ${name} does not exist`);
        return jsonResponse(text);
      }
      const limit = params.has('limit') ? nonNegativeNumber(params.get('limit'), 'limit', true) : DEFAULT_PAGE;
      if (limit < 1 || limit > MAX_PAGE) throw invalidArgument(`limit must be 1 to ${MAX_PAGE}`);
      const names = config.collectUsage ? sortedNames(store) : [];
      const from = params.has('after') ? startAfter(names, params.get('after') ?? '') : 0;
      const items = names.slice(from, from + limit);
      return jsonResponse(toJson({ nr_items: items.length, truncated: from + limit < names.length, items }));
    }
    case 'DELETE': {
      const name = requireValue(readParams(req, ['obj']), 'obj');
      if (!store.maps.usage.has(name)) throw noSuchKey(`The statistics object ${name} does not exist`);
      store.commit([{ c: 'usage', k: name, v: null }]);
      return noContent();
    }
    default:
      throw methodNotAllowed(req.method, 'ostor-usage');
  }
}
