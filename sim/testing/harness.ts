import { afterAll, beforeAll } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../server';
import { call, type CallOptions, type CallResult, type KeyPair } from './client';

export interface TestGateway {
  sim: Simulator;
  /** A signed admin call as the system user. */
  admin(method: string, query: string, options?: CallOptions): Promise<CallResult>;
  /** An admin call answered with JSON: fails the test on any other answer. */
  adminJson<T = any>(method: string, query: string, options?: CallOptions): Promise<T>;
  as(key: KeyPair | null, method: string, path: string, options?: CallOptions): Promise<CallResult>;
  /** Creates a user through ostor-users; returns its first key pair. */
  createUser(email: string): Promise<{ id: string; key: KeyPair }>;
  testApi(method: string, path: string, body?: unknown): Promise<any>;
}

export function makeGateway(sim: Simulator): TestGateway {
  const gw: TestGateway = {
    sim,
    admin: (method, query, options) => call(sim.url, method, `/?${query}`, sim.systemKey, options),
    async adminJson(method, query, options) {
      const result = await gw.admin(method, query, options);
      if (result.status !== 200) throw new Error(`${method} ${query} answered ${result.status}: ${result.text}`);
      return JSON.parse(result.text);
    },
    as: (key, method, path, options) => call(sim.url, method, path, key, options),
    async createUser(email) {
      const created = await gw.adminJson('PUT', `ostor-users&emailAddress=${encodeURIComponent(email)}`);
      const pair = created.AWSAccessKeys[0];
      return { id: created.UserId, key: { id: pair.AWSAccessKeyId, secret: pair.AWSSecretAccessKey } };
    },
    async testApi(method, path, body) {
      const response = await fetch(sim.url + path, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      return JSON.parse(text);
    },
  };
  return gw;
}

/** Starts a simulator for the file's tests (in memory, test API on) and stops it after. */
export function testGateway(options: SimulatorOptions = {}): TestGateway {
  const holder = {} as TestGateway;
  beforeAll(async () => {
    Object.assign(holder, makeGateway(await startSimulator({ testApi: true, ...options })));
  });
  afterAll(async () => {
    await holder.sim?.close();
  });
  return holder;
}
