import 'server-only';
import { z } from 'zod';
import { GatewayError } from './errors';
import { gatewayJson, gatewayRequest, type GatewayConnection } from './request';

/** `ostor-usage`: statistics objects waiting on the gateway. */

const pageSchema = z.object({ nr_items: z.number().optional(), truncated: z.boolean(), items: z.array(z.string()) });

/** Every object name, page by page (`after` the last name while `truncated`); stops if a page brings no progress. */
export async function listStatisticsObjects(conn?: GatewayConnection, pageSize = 500): Promise<string[]> {
  const names: string[] = [];
  let after: string | null = null;
  for (;;) {
    const params: [string, string][] = [['limit', String(pageSize)], ...(after ? ([['after', after]] as [string, string][]) : [])];
    const page = await gatewayJson({ method: 'GET', service: 'ostor-usage', params, retry: true }, (v) => pageSchema.parse(v), conn);
    names.push(...page.items);
    if (!page.truncated) return names;
    const last = page.items.at(-1);
    if (!last || (after !== null && last <= after)) {
      throw new GatewayError('invalid-response', 'The gateway’s list of statistics objects says it is truncated but brings no new names; stopping rather than looping.');
    }
    after = last;
  }
}

/**
 * An object's body as text, and whether it arrived whole (its length matched Content-Length;
 * null when the gateway sent none). The caller parses it.
 */
export async function readStatisticsObject(name: string, conn?: GatewayConnection): Promise<{ text: string; intact: boolean | null }> {
  const { text, intact } = await gatewayRequest({ method: 'GET', service: 'ostor-usage', params: [['obj', name]], retry: true }, conn);
  return { text, intact };
}

/** Deletes an object; one already gone counts as deleted. */
export async function deleteStatisticsObject(name: string, conn?: GatewayConnection): Promise<void> {
  try {
    await gatewayRequest({ method: 'DELETE', service: 'ostor-usage', params: [['obj', name]], retry: true }, conn);
  } catch (error) {
    if (error instanceof GatewayError && error.status === 404) return;
    throw error;
  }
}
