import type { JobRunView, OpenedObject, Trace, UsageSeries, WaitingObjectView } from '@/lib/usage/contract';
import { encode, search } from '../api';
import { routeQuery } from '../query';
import { usageKeys } from './keys';

/** Whose usage a panel shows, and what it may offer. */
export interface UsageScope {
  /** `/api/usage` (staff) or `/api/me/usage` (a customer: always their own). */
  endpoint: '/api/usage' | '/api/me/usage';
  user?: string;
  bucket?: string;
  epoch?: string;
  /** Where the invoice export is: a user's month as CSV and JSON. */
  exportPath?: string;
  /** Staff may open what a day's figures are made of. */
  traceable?: boolean;
  /** Offers every user's month as one file, for a billing run (the all-users view). */
  billingRun?: boolean;
}

/** Every user's month as one download: a line per user or per bucket. */
export const billingRunHref = (month: string, by: 'user' | 'bucket', format: 'csv' | 'json') => `/api/usage/export${search({ month, by, format })}`;

/** The usage a page shows: everyone's, a user's, a bucket generation's, or the signed-in customer's own. */
export const usageScopes = {
  all: (): UsageScope => ({ endpoint: '/api/usage', traceable: true, billingRun: true }),
  user: (id: string): UsageScope => ({ endpoint: '/api/usage', user: id, exportPath: `/api/usage/export${search({ user: id })}`, traceable: true }),
  bucket: (name: string, epoch: number | string): UsageScope => ({ endpoint: '/api/usage', bucket: name, epoch: String(epoch), traceable: true }),
  me: (): UsageScope => ({ endpoint: '/api/me/usage', exportPath: '/api/me/usage/export' }),
};

export type UsageRange = { from: string; to: string; group: 'day' | 'month' };

export const scopeParams = (scope: UsageScope): Record<string, string> =>
  Object.fromEntries(Object.entries({ user: scope.user, bucket: scope.bucket, epoch: scope.epoch }).filter((e): e is [string, string] => e[1] !== undefined));

export const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The months of a view: one month by day, or the twelve months up to and including it. */
export function rangeOf(month: string, view: 'month' | 'year'): UsageRange {
  const [y, m] = month.split('-').map(Number);
  const iso = (yy: number, mm: number) => new Date(Date.UTC(yy, mm - 1, 1)).toISOString().slice(0, 10);
  if (view === 'month') return { from: iso(y, m), to: iso(y, m + 1), group: 'day' };
  return { from: iso(y, m - 11), to: iso(y, m + 1), group: 'month' };
}

/** The period a usage panel shows, as the URL holds it. */
export function usageView(params: { get(name: string): string | null }): { month: string; view: 'month' | 'year' } {
  const month = params.get('month') ?? '';
  return { month: /^\d{4}-\d{2}$/.test(month) ? month : thisMonth(), view: params.get('view') === 'year' ? 'year' : 'month' };
}

export const usageQueries = {
  series: (scope: UsageScope, range: UsageRange) => {
    const params = { ...range, ...scopeParams(scope) };
    return routeQuery<UsageSeries>(usageKeys.series(scope.endpoint, params), `${scope.endpoint}${search(params)}`);
  },
  trace: (day: string, scope: UsageScope) => {
    const params = { day, ...scopeParams(scope) };
    return routeQuery<Trace>(usageKeys.trace(params), `/api/usage/trace${search(params)}`);
  },
  job: (kind: 'collect' | 'sample') => routeQuery<{ job: JobRunView | null }>(usageKeys.job(kind), `/api/usage/jobs/${kind}`),
  statistics: () => routeQuery<{ objects: WaitingObjectView[]; total: number }>(usageKeys.statistics(), '/api/usage/statistics'),
  object: (name: string) => routeQuery<OpenedObject>(usageKeys.object(name), `/api/usage/statistics/${encode(name)}`),
};
