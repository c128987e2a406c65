import crypto from 'node:crypto';
import os from 'node:os';
import PgBoss from 'pg-boss';
import type { Database } from '../db/client';
import { activeRun, beat, beginRun, createRun, deleteRun, endRun, getRun, interruptStale, latestRun, type JobRun, type Trigger } from './runs';
import { errorWords } from '../db/error-words';

/**
 * Background jobs that any console instance can start, follow and take over.
 *
 * On a PostgreSQL server the queue is pg-boss: a job is sent to its queue (at most one waiting
 * and one running per kind), every instance works the queues, and whichever picks a job up runs
 * it. The run's record (lib/jobs/runs.ts) carries its progress and a heartbeat; an instance that
 * sees a run's heartbeat stop (its instance was killed) marks it interrupted and fails its pg-boss
 * job, which pg-boss then hands to a live instance — the run resumes there, under the same id. On
 * SIGTERM an instance stops its jobs between steps and hands them back the same way.
 *
 * On the embedded database only one process runs (its folder is locked), so jobs run in that
 * process; a run left behind by a process that stopped is marked interrupted when the next starts.
 */

export interface JobContext {
  database: Database;
  run: JobRun;
  /** The progress so far: written for every instance to see (a few times a second at most). */
  report(progress: unknown): void;
  /** Aborted when this instance stops: finish the step under way and return `interrupted`. */
  signal: AbortSignal;
  /** Starts another job when this one has done its part (or joins it when it is already under way). */
  follow(kind: string, startedBy: string): Promise<void>;
}

export interface JobOutcome {
  state: 'done' | 'failed' | 'busy' | 'interrupted';
  message: string;
  progress?: unknown;
  errors?: string[];
}

export interface JobDefinition {
  kind: string;
  work(ctx: JobContext): Promise<JobOutcome>;
}

export interface JobSystemOptions {
  /** A run whose instance shows no sign of life this long is taken over. */
  heartbeatTimeoutSeconds: number;
  /** How this instance names itself in runs. */
  instance?: string;
  /** How long a stopping instance waits for its jobs to reach a step's end. */
  stopTimeoutMs?: number;
}

const queueName = (kind: string) => kind.replace(/[^\w-]/g, '-');
const PROGRESS_WRITE_MS = 500;

export class JobSystem {
  readonly instance: string;
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  private boss: PgBoss | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly database: Database,
    definitions: JobDefinition[],
    private readonly options: JobSystemOptions,
  ) {
    for (const d of definitions) this.definitions.set(d.kind, d);
    this.instance = options.instance ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(2).toString('hex')}`;
  }

  get queue(): 'pg-boss' | 'in-process' {
    return this.database.kind === 'postgres' ? 'pg-boss' : 'in-process';
  }

  async start(): Promise<void> {
    const db = this.database.db;
    if (this.database.kind !== 'postgres' || !this.database.url) {
      await interruptStale(db, 0, { notInstance: this.instance });
      return;
    }
    const boss = new PgBoss({ connectionString: this.database.url, schema: 'pgboss', application_name: 'staas-console jobs', max: 3, schedule: false, supervise: true });
    boss.on('error', (error) => console.error(`[jobs] queue: ${error.message}`));
    await boss.start();
    for (const kind of this.definitions.keys()) {
      const name = queueName(kind);
      // At most one waiting and one running per kind; a handed-back or abandoned job is retried at once.
      if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: 'stately', retryLimit: 20, retryDelay: 0, expireInSeconds: 6 * 3600 }).catch(() => undefined);
      await boss.work(name, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if ((await this.track(job.id, (controller) => this.execute(job.id, kind, controller))) === 'handed-back') throw new Error(`handed back by ${this.instance} while it stopped`);
      });
    }
    this.boss = boss;
    const every = Math.max(1000, (this.options.heartbeatTimeoutSeconds * 1000) / 3);
    this.watchdog = setInterval(() => void this.takeOverStale().catch((error) => console.error(`[jobs] watchdog: ${(error as Error).message}`)), every);
    this.watchdog.unref();
  }

  /** Runs whose instance died: marked interrupted, and their queue jobs failed so that pg-boss retries them here or elsewhere. */
  private async takeOverStale(): Promise<void> {
    const stale = await interruptStale(this.database.db, this.options.heartbeatTimeoutSeconds);
    for (const run of stale) await this.boss?.fail(queueName(run.kind), run.id, { message: `no sign of life from ${run.instance}` });
  }

  /** Starts a run of `kind`, or joins the one waiting or under way. */
  async run(kind: string, trigger: Trigger, startedBy: string): Promise<{ run: JobRun; started: boolean }> {
    if (!this.definitions.has(kind)) throw new Error(`no such job: ${kind}`);
    if (this.stopping) throw new Error('This console instance is stopping; try again in a moment.');
    const db = this.database.db;
    for (let attempt = 0; attempt < 3; attempt++) {
      const active = await activeRun(db, kind);
      if (active) return { run: active, started: false };
      const run = await createRun(db, { id: crypto.randomUUID(), kind, trigger, startedBy });
      if (!this.boss) {
        this.spawn(run.id, kind);
        return { run, started: true };
      }
      const sent = await this.boss.send(queueName(kind), {}, { id: run.id });
      if (sent) return { run, started: true };
      // Another instance queued one at the same moment: join it.
      await deleteRun(db, run.id);
    }
    throw new Error(`A ${kind} job could not be queued; try again.`);
  }

  /**
   * A scheduled start. Every instance keeps the schedule, so one of them started less than half an
   * interval ago means this tick is another's twin: skipped, as it is while a run is under way.
   */
  async runScheduled(kind: string, intervalSeconds: number): Promise<JobRun | null> {
    const [active, scheduled] = await Promise.all([activeRun(this.database.db, kind), latestRun(this.database.db, kind, 'schedule')]);
    if (active || (scheduled && Date.now() - Date.parse(scheduled.createdAt) < (intervalSeconds * 1000) / 2)) return null;
    return (await this.run(kind, 'schedule', 'schedule')).run;
  }

  latest = (kind: string) => latestRun(this.database.db, kind);
  get = (id: string) => getRun(this.database.db, id);

  private spawn(id: string, kind: string): void {
    void this.track(id, (controller) => this.execute(id, kind, controller)).catch((error) => console.error(`[jobs] ${kind} ${id}: ${(error as Error).message}`));
  }

  /** Keeps a job this instance works on within reach of `stop()` from its first moment. */
  private track<T>(id: string, fn: (controller: AbortController) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const done = fn(controller).finally(() => this.running.delete(id));
    this.running.set(id, { controller, done });
    return done;
  }

  /** Runs a job here: takes its record, reports progress with a heartbeat, writes how it ended. */
  private async execute(id: string, kind: string, controller: AbortController): Promise<'handed-back' | 'ended' | 'not-ours'> {
    const db = this.database.db;
    const run = await beginRun(db, id, this.instance);
    if (!run) return 'not-ours';
    let latest: unknown;
    let dirty = false;
    let lastWrite = Date.now();
    const heartbeatMs = (this.options.heartbeatTimeoutSeconds * 1000) / 3;
    const tick = setInterval(() => {
      if (!dirty && Date.now() - lastWrite < heartbeatMs) return;
      dirty = false;
      lastWrite = Date.now();
      void beat(db, id, this.instance, latest).catch((error) => console.error(`[jobs] heartbeat: ${(error as Error).message}`));
    }, PROGRESS_WRITE_MS);
    let outcome: JobOutcome;
    const work = this.definitions
      .get(kind)!
      .work({
        database: this.database,
        run,
        signal: controller.signal,
        follow: async (next, startedBy) => {
          await this.run(next, 'schedule', startedBy);
        },
        report: (progress) => {
          latest = progress;
          dirty = true;
        },
      })
      .catch((error: unknown): JobOutcome => ({ state: 'failed', message: errorWords(error) }));
    try {
      outcome = await work;
    } finally {
      clearInterval(tick);
    }
    if (outcome.state === 'interrupted' && this.stopping && this.boss) {
      await endRun(db, id, this.instance, { state: 'queued', message: `Handed back by ${this.instance} while it stopped: another instance carries on.`, progress: outcome.progress ?? latest });
      return 'handed-back';
    }
    await endRun(db, id, this.instance, { ...outcome, progress: outcome.progress ?? latest });
    return 'ended';
  }

  /**
   * Stops this instance's part: no new jobs; running ones are asked to stop at their next step
   * (and, on the queue, handed back for another instance to finish), then the queue stops.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.watchdog) clearInterval(this.watchdog);
    const underway = [...this.running.values()];
    for (const r of underway) r.controller.abort();
    await Promise.race([Promise.allSettled(underway.map((r) => r.done)), new Promise((resolve) => setTimeout(resolve, this.options.stopTimeoutMs ?? 15_000))]);
    await this.boss?.stop({ graceful: true, wait: true, timeout: 5000 });
    this.boss = null;
  }
}
