import { answer } from '@/lib/api/contract';
import { db } from '@/lib/db';
import { servicePage } from '@/lib/services/store';
import { usageLines } from '@/lib/services/views';
import { V1 } from '@/lib/v1/contract';
import { v1Query, v1Route } from '@/lib/v1/handler';

export const GET = v1Route(V1.allUsage, async ({ req }) => {
  const q = v1Query(req, V1.allUsage.query);
  const database = await db();
  const page = await servicePage(database, q.cursor, q.limit);
  return answer(V1.allUsage, { month: q.month, items: await usageLines(database, page.rows, q.month), next: page.next });
});
