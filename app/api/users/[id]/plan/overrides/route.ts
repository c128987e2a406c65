import { answer } from '@/lib/api/contract';
import { ApiError, notFound } from '@/lib/api/errors';
import { body, route } from '@/lib/api/handler';
import { db } from '@/lib/db';
import { plansContract } from '@/lib/plans/contract';
import { planTarget } from '@/lib/plans/for-user';
import { bucketOf, limitOf, settingName, settingText } from '@/lib/plans/settings';
import { setOverride, userPlan } from '@/lib/plans/store';
import { changeableUserOr404 } from '@/lib/users/lookup';

const contract = plansContract['PUT /api/users/:id/plan/overrides'];

/**
 * Keeps a value for one setting of this user instead of its plan's (null: follow the plan again).
 * Nothing changes on the gateway: re-applying the plan sets the override, and drift compares with it.
 */
export const PUT = route<{ id: string }>(
  'plans.write',
  async ({ req, params, note }) => {
    const { key, value } = await body(req, contract.body);
    const info = await changeableUserOr404(params.id);
    const d = await db();
    if (!(await userPlan(d, info.UserId))) throw notFound('This user is on no plan.');
    const bucket = bucketOf(key);
    if (bucket && !(await planTarget(info)).buckets.includes(bucket)) throw new ApiError(422, 'invalid_input', `This user owns no bucket ${bucket}.`, { key: 'Name a bucket the user owns.' });
    if (value !== null && !limitOf(key) && !Number.isInteger(value)) throw new ApiError(422, 'invalid_input', 'A quota is a whole number of GB.', { value: 'Give whole GB.' });
    if (value !== null && limitOf(key) === 'out' && !Number.isInteger(value)) throw new ApiError(422, 'invalid_input', 'Bandwidth is a whole number of kB/s.', { value: 'Give whole kB/s.' });
    const overrides = await setOverride(d, info.UserId, key, value);
    note(value === null ? `${settingName(key)} follows the plan again` : `${settingName(key)} kept at ${settingText(key, value)}`);
    return answer(contract, { overrides });
  },
  { action: 'plan.override', target: (p) => `user:${p.id}` },
);
