import { query, route } from '@/lib/api/handler';
import { auditContract } from '@/lib/audit/contract';
import { auditRows } from '@/lib/audit/log';
import { csvDownload } from '@/lib/http/csv';

const contract = auditContract['GET /api/audit/export'];

const HEADER = ['time_utc', 'actor', 'role', 'action', 'target', 'target_name', 'outcome', 'detail', 'address', 'request_id'];

/** The entries the audit page's filters select, as CSV, newest first: any number of rows, streamed. */
export const GET = route('audit.read', async ({ req }) => {
  const filters = query(req, contract.query);
  async function* rows() {
    for await (const r of auditRows(filters)) {
      yield [r.at.toISOString(), r.actorName, r.role, r.action, r.target, r.targetLabel ?? '', r.outcome, r.detail ?? '', r.address ?? '', r.requestId];
    }
  }
  return csvDownload(`audit-${new Date().toISOString().slice(0, 10)}.csv`, HEADER, rows());
});
