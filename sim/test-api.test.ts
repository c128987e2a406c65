import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSimulator } from './server';
import { call, errorCode } from './testing/client';
import { testGateway } from './testing/harness';

const gw = testGateway();

describe('the test API', () => {
  it('is refused unless the simulator was started with it', async () => {
    const plain = await startSimulator({});
    try {
      for (const [method, path] of [['GET', '/__sim/truth'], ['PUT', '/__sim/faults/s3'], ['POST', '/__sim/flush']]) {
        const response = await fetch(plain.url + path, { method, body: method === 'GET' ? undefined : '{}' });
        expect(response.status).toBe(403);
      }
    } finally {
      await plain.close();
    }
  });

  it('refuses a fault it does not understand', async () => {
    const response = await fetch(gw.sim.url + '/__sim/faults/ostor-users', { method: 'PUT', body: '{"mode":"explode"}' });
    expect(response.status).toBe(400);
    expect((await fetch(gw.sim.url + '/__sim/faults/nothing', { method: 'PUT', body: '{}' })).status).toBe(404);
  });
});

describe('fault injection', () => {
  it('answers a share of requests with 500 or 503, per service, then switches off', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'error', status: 503, count: 2 });
    const first = await gw.admin('GET', 'ostor-users');
    expect(first.status).toBe(503);
    expect(errorCode(first)).toBe('ServiceUnavailable');
    expect((await gw.admin('GET', 'ostor-buckets')).status).toBe(200);
    expect((await gw.admin('GET', 'ostor-users')).status).toBe(503);
    expect((await gw.admin('GET', 'ostor-users')).status).toBe(200);
  });

  it('fails only after letting some requests through (a fault midway)', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-quotas', { mode: 'error', skip: 1, count: 1 });
    expect((await gw.admin('GET', 'ostor-quotas&default=user')).status).toBe(200);
    expect((await gw.admin('GET', 'ostor-quotas&default=user')).status).toBe(500);
    expect((await gw.admin('GET', 'ostor-quotas&default=user')).status).toBe(200);
  });

  it('adds latency', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-limits', { latencyMs: 300 });
    await gw.createUser('latency@example.com');
    const started = performance.now();
    await gw.admin('GET', 'ostor-limits&emailAddress=latency%40example.com');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    await gw.testApi('DELETE', '/__sim/faults/ostor-limits');
  });

  it('hangs a response until the client gives up', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-accounts', { mode: 'hang' });
    const socket = net.connect(gw.sim.port, '127.0.0.1');
    socket.write('DELETE /?ostor-accounts&emailAddress=x%40example.com&accountName=a HTTP/1.1\r\nHost: x\r\n\r\n');
    const answered = await new Promise((resolve) => {
      socket.once('data', () => resolve(true));
      setTimeout(() => resolve(false), 500);
    });
    socket.destroy();
    expect(answered).toBe(false);
    await gw.testApi('DELETE', '/__sim/faults/ostor-accounts');
  });

  it('resets the connection', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-buckets', { mode: 'reset', count: 1 });
    await expect(gw.admin('GET', 'ostor-buckets')).rejects.toThrow(/ECONNRESET|socket hang up/);
    expect((await gw.admin('GET', 'ostor-buckets')).status).toBe(200);
  });

  it('truncates or mangles the JSON answer after carrying the request out', async () => {
    await gw.testApi('PUT', '/__sim/faults/ostor-users', { mode: 'truncate', count: 1 });
    const truncated = await gw.admin('PUT', 'ostor-users&emailAddress=lost-answer%40example.com');
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.text)).toThrow();
    // The user was made even though its answer was lost.
    expect((await gw.admin('GET', 'ostor-users&emailAddress=lost-answer%40example.com')).status).toBe(200);
    await gw.testApi('PUT', '/__sim/faults/ostor-usage', { mode: 'malformed', count: 1 });
    const malformed = await gw.admin('GET', 'ostor-usage');
    expect(() => JSON.parse(malformed.text)).toThrow();
  });

  it('applies to the S3 data plane under the name "s3"', async () => {
    const { key } = await gw.createUser('s3fault@example.com');
    await gw.testApi('PUT', '/__sim/faults/s3', { mode: 'error', count: 1 });
    expect((await call(gw.sim.url, 'GET', '/', key)).status).toBe(500);
    expect((await call(gw.sim.url, 'GET', '/', key)).status).toBe(200);
    expect(await gw.testApi('GET', '/__sim/faults')).toEqual({});
  });
});
