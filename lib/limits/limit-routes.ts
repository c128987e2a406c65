import 'server-only';
import { answer } from '../api/contract';
import { body, route } from '../api/handler';
import { removeLimits, type LimitTarget } from '../gateway/limits';
import { applyQuota, type QuotaTarget } from '../gateway/quotas';
import { applyLimits } from './apply';
import { limitsContract } from './contract';
import { limitsInWords, quotaText } from './labels';

/**
 * The limits and quota routes of a user or a bucket: the same handlers, given how to find the
 * target on the gateway (404 in words when it is not there) and how the audit log names it.
 */
const setLimits = limitsContract['PUT /api/users/:id/limits'];
const removed = limitsContract['DELETE /api/users/:id/limits'];
const setQuota = limitsContract['PUT /api/users/:id/quota'];

export function limitsRoutes<P>(find: (params: P) => Promise<LimitTarget>, auditTarget: (params: P) => string) {
  return {
    PUT: route<P>(
      'limits.write',
      async ({ req, params, note }) => {
        const desired = await body(req, setLimits.body);
        const applied = await applyLimits(await find(params), desired);
        note(limitsInWords(desired) + (applied.drift.length ? `; the gateway did not keep: ${applied.drift.join(', ')}` : ''));
        return answer(setLimits, applied);
      },
      { action: 'limits.set', target: auditTarget },
    ),
    DELETE: route<P>(
      'limits.write',
      async ({ params }) => {
        await removeLimits(await find(params));
        return answer(removed, { removed: true });
      },
      { action: 'limits.remove', target: auditTarget },
    ),
  };
}

/** PUT of a user's or bucket's own quota in GB; 0 removes it, so that the default (if any) applies. */
export function quotaRoute<P>(find: (params: P) => Promise<QuotaTarget>, auditTarget: (params: P) => string) {
  return route<P>(
    'quotas.write',
    async ({ req, params, note }) => {
      const { gb } = await body(req, setQuota.body);
      await applyQuota(await find(params), gb);
      note(`quota ${quotaText(gb)}`);
      return answer(setQuota, { ownGb: gb });
    },
    { action: 'quota.set', target: auditTarget },
  );
}
