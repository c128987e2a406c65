import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleEnvironment, watchGatewayCalls } from '@/lib/api/testing';
import { READINESS_KEPT_MS } from '@/lib/health';
import { testGateway } from '@/sim/testing/harness';
import * as live from './health/live/route';
import * as ready from './health/ready/route';

const gw = testGateway();
consoleEnvironment(gw);

/** Past the second in which the last check's answer serves other probes (a clock that only moves on, test after test). */
let clock = Date.now();
const nextSecond = () => vi.setSystemTime((clock += 10 * READINESS_KEPT_MS));

describe('health checks for a load balancer (no session)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('live: the process answers', async () => {
    const response = live.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'live' });
  });

  it('ready: database, migrations and gateway, each with its time, and nothing else', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    nextSecond();
    const response = await ready.GET();
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toEqual({
      status: 'ready',
      checks: { database: { ok: true, ms: expect.any(Number) }, migrations: { ok: true, ms: expect.any(Number) }, gateway: { ok: true, ms: expect.any(Number) } },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('a flood of probes is one check a second: probes together share it, the next second asks again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    nextSecond();
    const { result, calls } = await watchGatewayCalls(gw.sim.url, () => Promise.all(Array.from({ length: 20 }, () => ready.GET())));
    expect(result.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(calls).toEqual(['GET /']);
    vi.advanceTimersByTime(READINESS_KEPT_MS - 1);
    expect((await watchGatewayCalls(gw.sim.url, () => ready.GET())).calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect((await watchGatewayCalls(gw.sim.url, () => ready.GET())).calls).toEqual(['GET /']);
  });

  it('not ready (503) when the gateway fails, saying only which part and what kind of failure', async () => {
    await gw.testApi('PUT', '/__sim/faults/s3', { mode: 'error', status: 503 });
    vi.useFakeTimers({ toFake: ['Date'] });
    nextSecond();
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
