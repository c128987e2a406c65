import 'server-only';
import { getLimits, setLimit, type LimitTarget } from '../gateway/limits';
import { LIMIT_NAMES, type LimitName, type Limits } from '../gateway/schemas';
import type { GatewayConnection } from '../gateway/request';

export interface Applied {
  /** What the gateway enforces after the change, read back. */
  limits: Limits;
  /** Limits that had to be set again because setting another one reset them. */
  reapplied: LimitName[];
  /** Limits that still differ from what was asked after every attempt (none when all went well). */
  drift: LimitName[];
}

const ATTEMPTS = 3;

/**
 * Sets limits to the desired values and makes sure they hold: some gateways reset unspecified
 * limits when one is set, so the limits are read back after each round and whatever differs is
 * set again. Every call sets a value, never adds to one, so repeating is safe.
 */
export async function applyLimits(target: LimitTarget, desired: Partial<Limits>, conn?: GatewayConnection): Promise<Applied> {
  const wanted = LIMIT_NAMES.filter((n) => desired[n] !== undefined);
  const before = await getLimits(target, conn);
  let pending = wanted.filter((n) => before[n] !== desired[n]);
  const reapplied = new Set<LimitName>();
  for (let round = 0; round < ATTEMPTS && pending.length > 0; round++) {
    for (const name of pending) {
      if (round > 0) reapplied.add(name);
      await setLimit(target, name, desired[name]!, conn);
    }
    const now = await getLimits(target, conn);
    pending = wanted.filter((n) => now[n] !== desired[n]);
    if (pending.length === 0) return { limits: now, reapplied: [...reapplied], drift: [] };
  }
  const final = await getLimits(target, conn);
  return { limits: final, reapplied: [...reapplied], drift: wanted.filter((n) => final[n] !== desired[n]) };
}
