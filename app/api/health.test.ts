import { describe, expect, it } from 'vitest';
import { consoleEnvironment } from '@/lib/api/testing';
import { testGateway } from '@/sim/testing/harness';
import * as live from './health/live/route';
import * as ready from './health/ready/route';

const gw = testGateway();
consoleEnvironment(gw);

describe('health checks for a load balancer (no session)', () => {
  it('live: the process answers', async () => {
    const response = live.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'live' });
  });

  it('ready: database, migrations and gateway, each with its time, and nothing else', async () => {
    const response = await ready.GET();
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toEqual({
      status: 'ready',
      checks: { database: { ok: true, ms: expect.any(Number) }, migrations: { ok: true, ms: expect.any(Number) }, gateway: { ok: true, ms: expect.any(Number) } },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('not ready (503) when the gateway fails, saying only which part and what kind of failure', async () => {
    await gw.testApi('PUT', '/__sim/faults/s3', { mode: 'error', status: 503 });
    try {
      const response = await ready.GET();
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(JSON.parse(text)).toMatchObject({ status: 'not-ready', checks: { database: { ok: true }, gateway: { ok: false, problem: 'failed' } } });
      expect(text).not.toContain(gw.sim.url);
      expect(text).not.toContain('127.0.0.1');
    } finally {
      await gw.testApi('DELETE', '/__sim/faults/s3');
    }
  });
});
