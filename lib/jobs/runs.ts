import 'server-only';
import { and, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobRuns, type JobRunRow } from '../db/schema';

/**
 * The record every instance reads of a job: kind, who started it, progress, outcome. The queue
 * (pg-boss on a PostgreSQL server, the process itself on the embedded database) decides who runs
 * it; this table is what everyone sees.
 */

export type Trigger = JobRunRow['trigger'];
export type RunState = JobRunRow['state'];

/** A run as the API shows it. */
export interface JobRun {
  id: string;
  kind: string;
  state: RunState;
  trigger: Trigger;
  startedBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: unknown;
  message: string | null;
  errors: string[];
  instance: string | null;
  attempts: number;
}

export const runView = (r: JobRunRow): JobRun => ({
  id: r.id,
  kind: r.kind,
  state: r.state,
  trigger: r.trigger,
  startedBy: r.startedBy,
  createdAt: r.createdAt.toISOString(),
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
  progress: r.progress ?? null,
  message: r.message,
  errors: r.errors,
  instance: r.instance,
  attempts: r.attempts,
});

export async function createRun(db: Db, run: { id: string; kind: string; trigger: Trigger; startedBy: string }): Promise<JobRun> {
  const [row] = await db.insert(jobRuns).values({ ...run, state: 'queued' }).returning();
  return runView(row);
}

export async function deleteRun(db: Db, id: string): Promise<void> {
  await db.delete(jobRuns).where(and(eq(jobRuns.id, id), eq(jobRuns.state, 'queued')));
}

/** The run of a kind that is waiting or under way, if any. */
export async function activeRun(db: Db, kind: string): Promise<JobRun | null> {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.kind, kind), inArray(jobRuns.state, ['queued', 'running'])))
    .orderBy(desc(jobRuns.createdAt))
    .limit(1);
  return row ? runView(row) : null;
}

/** The newest run of a kind, whatever its state (or the newest started that way). */
export async function latestRun(db: Db, kind: string, trigger?: Trigger): Promise<JobRun | null> {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.kind, kind), trigger ? eq(jobRuns.trigger, trigger) : undefined))
    .orderBy(desc(jobRuns.createdAt))
    .limit(1);
  return row ? runView(row) : null;
}

export async function getRun(db: Db, id: string): Promise<JobRun | null> {
  const [row] = await db.select().from(jobRuns).where(eq(jobRuns.id, id));
  return row ? runView(row) : null;
}

/** This instance takes the run (again, after another instance stopped or died mid-run). */
export async function beginRun(db: Db, id: string, instance: string): Promise<JobRun | null> {
  const [row] = await db
    .update(jobRuns)
    .set({
      state: 'running',
      instance,
      heartbeatAt: sql`now()`,
      startedAt: sql`coalesce(${jobRuns.startedAt}, now())`,
      attempts: sql`${jobRuns.attempts} + 1`,
      finishedAt: null,
      message: sql`case when ${jobRuns.attempts} > 0 then 'Resumed by ' || ${instance} || ' after ' || coalesce(${jobRuns.instance}, 'another instance') || ' stopped.' else null end`,
    })
    .where(and(eq(jobRuns.id, id), inArray(jobRuns.state, ['queued', 'interrupted'])))
    .returning();
  return row ? runView(row) : null;
}

/** A sign of life, with the progress so far. */
export async function beat(db: Db, id: string, instance: string, progress: unknown): Promise<void> {
  await db
    .update(jobRuns)
    .set({ heartbeatAt: sql`now()`, progress: progress === undefined ? undefined : (progress as object) })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.instance, instance), eq(jobRuns.state, 'running')));
}

export async function endRun(db: Db, id: string, instance: string, outcome: { state: RunState; message: string | null; progress?: unknown; errors?: string[] }): Promise<void> {
  await db
    .update(jobRuns)
    .set({
      state: outcome.state,
      message: outcome.message,
      ...(outcome.progress !== undefined ? { progress: outcome.progress as object } : {}),
      errors: (outcome.errors ?? []).slice(0, 50),
      finishedAt: outcome.state === 'queued' ? null : sql`now()`,
      heartbeatAt: sql`now()`,
    })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.instance, instance)));
}

/**
 * Runs whose instance has shown no sign of life for `seconds`: marked interrupted (for the queue
 * to hand to another instance). With `instance`, every run of another process is taken as dead
 * (the embedded database has one process, so those were left by one that stopped).
 */
export async function interruptStale(db: Db, seconds: number, options: { notInstance?: string } = {}): Promise<JobRun[]> {
  const stale = options.notInstance
    ? and(inArray(jobRuns.state, ['queued', 'running']), or(ne(jobRuns.instance, options.notInstance), sql`${jobRuns.instance} is null`))
    : and(eq(jobRuns.state, 'running'), lt(jobRuns.heartbeatAt, sql`now() - make_interval(secs => ${seconds})`));
  const rows = await db
    .update(jobRuns)
    .set({
      state: 'interrupted',
      finishedAt: sql`now()`,
      message: sql`'The console instance running it (' || coalesce(${jobRuns.instance}, 'none yet') || ') stopped before it finished.'`,
    })
    .where(stale)
    .returning();
  return rows.map(runView);
}
