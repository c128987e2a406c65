import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from '../db/client';
import { createServerDatabase } from '../db/testing';
import { JobSystem, type JobDefinition } from './system';

/** A job of `steps` steps, one every 50 ms, that stops between steps when asked to. */
function stepper(kind: string, steps: number, log: string[] = []): JobDefinition {
  return {
    kind,
    async work({ report, signal, run }) {
      const start = ((run.progress as { done?: number } | null)?.done ?? 0) as number;
      for (let done = start; done < steps; done++) {
        if (signal.aborted) return { state: 'interrupted', message: `stopped at ${done}`, progress: { done } };
        await new Promise((r) => setTimeout(r, 50));
        log.push(`${run.instance ?? '?'}:${done}`);
        report({ done: done + 1 });
      }
      return { state: 'done', message: `${steps} steps`, progress: { done: steps } };
    },
  };
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('jobs on the embedded database (in the one process)', () => {
  let database: Database;
  afterAll(() => database?.close());

  it('runs a job, reports progress, joins a second start, and marks what a stopped process left as interrupted', async () => {
    database = await openDatabase({ dataDir: null });
    const system = new JobSystem(database, [stepper('test.steps', 24)], { heartbeatTimeoutSeconds: 3, instance: 'one' });
    await system.start();
    expect(system.queue).toBe('in-process');
    const first = await system.run('test.steps', 'manual', 'Ada');
    const second = await system.run('test.steps', 'manual', 'Bea');
    expect([first.started, second.started]).toEqual([true, false]);
    expect(second.run.id).toBe(first.run.id);
    const midway = await until(() => system.get(first.run.id), (r) => ((r?.progress as { done?: number })?.done ?? 0) > 1);
    expect(midway).toMatchObject({ state: 'running', instance: 'one', startedBy: 'Ada' });
    const done = await until(() => system.get(first.run.id), (r) => r?.state === 'done');
    expect(done).toMatchObject({ message: '24 steps', progress: { done: 24 }, attempts: 1 });

    // A process that stopped mid-run left it "running": the next one marks it interrupted.
    const left = await system.run('test.steps', 'manual', 'Ada');
    await system.stop();
    expect((await system.get(left.run.id))!.state).toBe('interrupted');
    await database.db.execute(sql`update job_runs set state = 'running' where id = ${left.run.id}`);
    const next = new JobSystem(database, [stepper('test.steps', 6)], { heartbeatTimeoutSeconds: 3, instance: 'two' });
    await next.start();
    expect(await next.get(left.run.id)).toMatchObject({ state: 'interrupted', message: expect.stringContaining('(one) stopped') });
  });
});

describe('jobs on a PostgreSQL server (pg-boss), seen and carried on by any instance', () => {
  it('one run seen alike from two instances; handed back on stop and finished by the other under the same id', async () => {
    const server = await createServerDatabase('staas_jobs');
    const [dbA, dbB] = [await openDatabase({ url: server.url }), await openDatabase({ url: server.url })];
    const log: string[] = [];
    const a = new JobSystem(dbA, [stepper('test.steps', 40, log)], { heartbeatTimeoutSeconds: 3, instance: 'A' });
    const b = new JobSystem(dbB, [stepper('test.steps', 40, log)], { heartbeatTimeoutSeconds: 3, instance: 'B' });
    try {
      await a.start();
      expect(a.queue).toBe('pg-boss');
      const { run } = await a.run('test.steps', 'manual', 'Ada');
      const running = await until(() => a.get(run.id), (r) => r?.state === 'running' && ((r.progress as { done?: number })?.done ?? 0) >= 2);
      expect(running!.instance).toBe('A');
      // Another instance sees the same run, with the same progress, and joins it rather than starting another.
      await b.start();
      const seen = await b.latest('test.steps');
      expect(seen!.id).toBe(run.id);
      expect((await b.run('test.steps', 'manual', 'Bea')).started).toBe(false);

      await a.stop();
      const handedBack = await a.get(run.id);
      expect(['queued', 'running']).toContain(handedBack!.state);
      const finished = await until(() => b.get(run.id), (r) => r?.state === 'done', 30_000);
      expect(finished).toMatchObject({ instance: 'B', attempts: 2, progress: { done: 40 } });
      // Every step ran once: B carried on from where A stopped.
      const steps = log.map((l) => Number(l.split(':')[1]));
      expect(steps).toEqual([...Array(40).keys()]);
      expect(log.some((l) => l.startsWith('A:')) && log.some((l) => l.startsWith('B:'))).toBe(true);
    } finally {
      await a.stop().catch(() => undefined);
      await b.stop();
      await dbA.close();
      await dbB.close();
      await server.drop();
    }
  }, 60_000);
});

vi.setConfig({ testTimeout: 60_000 });
