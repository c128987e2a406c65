import { z } from 'zod';
import { answer } from '@/lib/api/contract';
import { query, route } from '@/lib/api/handler';
import { usageContract } from '@/lib/usage/contract';
import { deleteObject, openObject } from '@/lib/usage/statistics';
import { askEmails, cachedUserList, emailsById } from '@/lib/users/list-cache';

type Params = { name: string };
const deleteQuery = z.object({ uncollected: z.enum(['1'], { error: 'uncollected is 1 or absent.' }).optional() });

/** One statistics object, its items as rows (or why it cannot be read), with the emails of the users it names. */
export const GET = route<Params>('usage.read', async ({ params }) => {
  const opened = await openObject(params.name);
  if (!opened.ok) return answer(usageContract['GET /api/usage/statistics/:name'], opened);
  const ids = new Set(opened.items.map((i) => i.userId));
  const listed = emailsById((await cachedUserList()).users);
  const emails: Record<string, string> = Object.fromEntries([...ids].flatMap((id) => (listed.has(id) ? [[id, listed.get(id)!]] : [])));
  // Users made since the shared list was read are asked for by id (a few at most).
  const missing = [...ids].filter((id) => !(id in emails) && /^[0-9a-f]{16}$/.test(id)).slice(0, 20);
  for (const [id, email] of await askEmails(missing)) emails[id] = email;
  return answer(usageContract['GET /api/usage/statistics/:name'], { ...opened, emails });
});

/** Deletes one by hand; one never collected needs `?uncollected=1` (its usage is lost for billing). */
export const DELETE = route<Params>(
  'usage.write',
  async ({ req, params, note }) => {
    const { uncollected } = query(req, deleteQuery);
    const result = await deleteObject(params.name, uncollected === '1');
    if (!result.wasCollected) note('deleted although never collected: its usage is not billed');
    return answer(usageContract['DELETE /api/usage/statistics/:name'], result);
  },
  { action: 'usage.statistics.delete', target: (p) => `statistics:${p.name}` },
);
