import 'server-only';
import { database } from '../db';
import { collectUsage, type Progress } from './collector';
import { sampleStorage } from './sampler';

/**
 * The server's usage jobs: collecting statistics objects and taking a storage round, started by
 * the schedule or by an admin ("collect now"). One of each runs at a time in a process (a second
 * start joins the running one); across instances the database lock decides, and a job that finds
 * another instance at work ends as `busy`. The state lives on globalThis, so the schedule and
 * every route module of the process see the same jobs.
 */

export type JobKind = 'collect' | 'sample';
export type Trigger = 'schedule' | 'manual';

export interface JobStatus {
  kind: JobKind;
  state: 'running' | 'done' | 'failed' | 'busy';
  trigger: Trigger;
  startedAt: string;
  finishedAt: string | null;
  /** Collecting: objects done / total, errors so far. */
  progress: Progress | null;
  /** In words, for the page: what happened. */
  message: string | null;
}

const holder = globalThis as unknown as { staasUsageJobs?: Partial<Record<JobKind, JobStatus>> };
const jobs = (holder.staasUsageJobs ??= {});

export const jobStatus = (kind: JobKind): JobStatus | null => (jobs[kind] ? { ...jobs[kind] } : null);

const BUSY: Record<JobKind, string> = {
  collect: 'Another console instance is collecting right now; its figures will appear when it is done.',
  sample: 'Another console instance is taking a storage round right now.',
};

async function work(job: JobStatus): Promise<void> {
  const db = await database();
  if (job.kind === 'collect') {
    const result = await collectUsage(db, { onProgress: (p) => (job.progress = p) });
    if (result.status === 'busy') {
      job.state = 'busy';
      job.message = BUSY.collect;
      return;
    }
    job.progress = { ...result, errors: result.errors.slice(0, 50) };
    job.state = 'done';
    job.message =
      `${result.collected} collected, ${result.deleted} deleted on the gateway, ${result.skipped} left for later` +
      (result.quarantined ? `, ${result.quarantined} quarantined` : '') +
      (result.errors.length ? `; ${result.errors.length} failed and will be tried again` : '');
    return;
  }
  const result = await sampleStorage(db);
  if (result.status === 'busy') {
    job.state = 'busy';
    job.message = BUSY.sample;
    return;
  }
  job.state = 'done';
  job.message = `${result.buckets} bucket${result.buckets === 1 ? '' : 's'} sampled` + (result.integratedSeconds === null ? ' (the first round: storage counts from now)' : '');
}

/** Starts a job unless one of its kind is running in this process; either way, its status. */
export function startJob(kind: JobKind, trigger: Trigger): { job: JobStatus; started: boolean } {
  const running = jobs[kind];
  if (running?.state === 'running') return { job: { ...running }, started: false };
  const job: JobStatus = { kind, state: 'running', trigger, startedAt: new Date().toISOString(), finishedAt: null, progress: null, message: null };
  jobs[kind] = job;
  void work(job)
    .catch((error: unknown) => {
      job.state = 'failed';
      job.message = error instanceof Error ? error.message : String(error);
    })
    .finally(() => {
      job.finishedAt = new Date().toISOString();
      if (trigger === 'schedule' && (job.state === 'failed' || (job.progress?.errors.length ?? 0) > 0)) console.error(`[usage] scheduled ${kind} ${job.state}: ${job.message}`);
    });
  return { job: { ...job }, started: true };
}

/** The schedule inside the server: each job every so many seconds (0: off), the first soon after start. */
export function startSchedules(intervals: Record<JobKind, number>, firstAfterMs = 15_000): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const kind of ['collect', 'sample'] as const) {
    const seconds = intervals[kind];
    if (!seconds) continue;
    const tick = () => startJob(kind, 'schedule');
    timers.push(setTimeout(tick, Math.min(firstAfterMs, seconds * 1000)), setInterval(tick, seconds * 1000));
  }
  for (const t of timers) t.unref();
  return () => timers.forEach((t) => clearTimeout(t));
}
