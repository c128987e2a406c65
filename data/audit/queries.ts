import type { AuditPage } from '@/lib/audit/contract';
import { api, search } from '../api';
import type { InfiniteQueryOptions } from '../cache/store';
import { auditKeys } from './keys';

export interface AuditFilters {
  actor: string;
  target: string;
  action: string;
  from: string;
  to: string;
}

export const AUDIT_FILTER_DEFAULTS: AuditFilters = { actor: '', target: '', action: '', from: '', to: '' };

export const auditFilters = (params: { get(name: string): string | null }): AuditFilters => ({
  actor: params.get('actor') ?? '',
  target: params.get('target') ?? '',
  action: params.get('action') ?? '',
  from: params.get('from') ?? '',
  to: params.get('to') ?? '',
});

/** The CSV download of what the filters select. */
export const auditExportHref = (filters: AuditFilters) => `/api/audit/export${search({ ...filters })}`;

export const auditQueries = {
  /** The log, newest first, 50 rows a page (older pages by the id of the last row). */
  list: (filters: AuditFilters): InfiniteQueryOptions<AuditPage, number> => ({
    queryKey: auditKeys.list({ ...filters }),
    queryFn: ({ pageParam }) => api<AuditPage>(`/api/audit${search({ ...filters, before: pageParam || undefined })}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
    meta: { url: `/api/audit${search({ ...filters })}` },
  }),
};
