import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testGateway } from '@/sim/testing/harness';
import { getLimits, removeLimits } from '../gateway/limits';
import type { GatewayConnection } from '../gateway/request';
import { applyLimits } from './apply';

const gw = testGateway();
const conn = (): GatewayConnection => ({ url: gw.sim.url, accessKeyId: gw.sim.systemKey.id, secret: gw.sim.systemKey.secret, signature: 'v4', region: 'us-east-1', timeoutMs: 3000 });

describe('applyLimits', () => {
  it('sets all six limits on a user and a bucket, as the gateway then reports them', async () => {
    const { key } = await gw.createUser('apply@example.com');
    await gw.as(key, 'PUT', '/apply-bucket');
    const desired = { default: 10, get: 3600, put: 12.5, list: 0, delete: 1, out: 100 };
    for (const target of [{ emailAddress: 'apply@example.com' }, { bucket: 'apply-bucket' }]) {
      const result = await applyLimits(target, desired, conn());
      expect(result).toEqual({ limits: desired, reapplied: [], drift: [] });
      expect(await getLimits(target, conn())).toEqual(desired);
      await removeLimits(target, conn());
      expect(await getLimits(target, conn())).toEqual({ default: 0, get: 0, put: 0, list: 0, delete: 0, out: 0 });
    }
  });

  it('re-applies limits that a gateway reset when another one was set', async () => {
    // A gateway that forgets every other limit whenever one is set.
    let state: Record<string, string> = { 'ops:default': '0.00', 'ops:get': '0.00', 'ops:put': '0.00', 'ops:list': '0.00', 'ops:delete': '0.00', 'bandwidth:out': '0' };
    let resets = 2;
    const server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      if (req.method === 'PUT') {
        const resource = url.searchParams.get('limit-resource')!;
        const key = resource === 'out' ? 'bandwidth:out' : `ops:${resource}`;
        const value = url.searchParams.get('limit-value')!;
        if (resets-- > 0) state = Object.fromEntries(Object.keys(state).map((k) => [k, k === 'bandwidth:out' ? '0' : '0.00']));
        state[key] = resource === 'out' ? value : Number(value).toFixed(2);
        res.end();
      } else {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(state));
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const quirky = { ...conn(), url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
      const result = await applyLimits({ emailAddress: 'x@example.com' }, { get: 5, put: 7, out: 300 }, quirky);
      expect(result.drift).toEqual([]);
      expect(result.reapplied.length).toBeGreaterThan(0);
      expect(result.limits).toMatchObject({ get: 5, put: 7, out: 300 });
    } finally {
      server.close();
    }
  });
});
