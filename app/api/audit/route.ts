import { answer } from '@/lib/api/contract';
import { query, route } from '@/lib/api/handler';
import { auditContract } from '@/lib/audit/contract';
import { readAudit } from '@/lib/audit/log';

const contract = auditContract['GET /api/audit'];

export const GET = route('audit.read', async ({ req }) => {
  const { rows, next } = await readAudit(query(req, contract.query));
  return answer(contract, { rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })), next });
});
