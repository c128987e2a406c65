import { answer } from '@/lib/api/contract';
import { notFound } from '@/lib/api/errors';
import { db } from '@/lib/db';
import { findPurge } from '@/lib/services/store';
import { jobView } from '@/lib/services/views';
import { V1 } from '@/lib/v1/contract';
import { v1Route } from '@/lib/v1/handler';

type P = { id: string };

export const GET = v1Route<P>(V1.getJob, async ({ params }) => {
  const row = /^[0-9a-f-]{36}$/.test(params.id) ? await findPurge(await db(), params.id) : undefined;
  if (!row?.purge) throw notFound(`There is no job “${params.id.slice(0, 60)}”.`);
  return answer(V1.getJob, jobView(row, row.purge));
});
