import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testGateway } from '@/sim/testing/harness';
import type { GatewayConnection } from './request';
import { deleteStatisticsObject, listStatisticsObjects, readStatisticsObject } from './usage';

const gw = testGateway();
const conn = (url = gw.sim.url): GatewayConnection => ({ url, accessKeyId: gw.sim.systemKey.id, secret: gw.sim.systemKey.secret, signature: 'v4', region: 'us-east-1', timeoutMs: 3000 });

describe('statistics objects on the gateway', () => {
  it('lists every object across pages, reads one, and deletes (a second delete is fine)', async () => {
    const { objects } = await gw.testApi('POST', '/__sim/usage/generate', { objects: 23, items: 2 });
    const names = await listStatisticsObjects(conn(), 5);
    expect(names).toEqual([...objects].sort());
    const read = await readStatisticsObject(names[0], conn());
    expect(JSON.parse(read.text).nr_items).toBe(2);
    expect(read.intact).toBe(true);
    await deleteStatisticsObject(names[0], conn());
    await deleteStatisticsObject(names[0], conn());
    expect(await listStatisticsObjects(conn(), 5)).toHaveLength(22);
  });

  it('stops with a clear error when a truncated listing makes no progress', async () => {
    const server = http.createServer((_req, res) => res.end('{"nr_items": 1, "truncated": true, "items": ["s3-usage-same"]}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      await expect(listStatisticsObjects(conn(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))).rejects.toThrow(/brings no new names/);
    } finally {
      server.close();
    }
  });
});
