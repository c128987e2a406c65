import 'server-only';
import type { JobDefinition, JobSystem } from '../jobs/system';
import { collectUsage } from './collector';
import { sampleStorage } from './sampler';

/**
 * The usage jobs: collecting statistics objects and taking a storage round, started by the
 * schedule, by an admin ("collect now") or by a billing system. They run on the console's job
 * system (lib/jobs), so every instance sees the same run and its progress.
 */

export const USAGE_JOBS = { collect: 'usage.collect', sample: 'usage.sample' } as const;
export type UsageJob = keyof typeof USAGE_JOBS;

const BUSY = {
  collect: 'Another collector (a cron job, or a console on another database connection) is collecting right now; its figures appear when it is done.',
  sample: 'Another sampler is taking a storage round right now.',
};

export const collectJob: JobDefinition = {
  kind: USAGE_JOBS.collect,
  async work({ database, report, signal }) {
    const result = await collectUsage(database, { onProgress: report, signal });
    if (result.status === 'busy') return { state: 'busy', message: BUSY.collect };
    const progress = { ...result, errors: result.errors.slice(0, 50) };
    const words =
      `${result.collected} collected, ${result.deleted} deleted on the gateway, ${result.skipped} left for later` +
      (result.failing ? `, ${result.failing} could not be read and will be tried again` : '') +
      (result.quarantined ? `, ${result.quarantined} quarantined` : '') +
      (result.errors.length ? `; ${result.errors.length} failed and will be tried again` : '');
    if (result.status === 'interrupted') return { state: 'interrupted', message: `Stopped with the console: ${words}. The next run carries on.`, progress, errors: progress.errors };
    return { state: 'done', message: words, progress, errors: progress.errors };
  },
};

export const sampleJob: JobDefinition = {
  kind: USAGE_JOBS.sample,
  async work({ database }) {
    const result = await sampleStorage(database);
    if (result.status === 'busy') return { state: 'busy', message: BUSY.sample };
    if (result.status === 'skipped') return { state: 'done', message: result.reason };
    return {
      state: 'done',
      message: `${result.buckets} bucket${result.buckets === 1 ? '' : 's'} sampled` + (result.integratedSeconds === null ? ' (the first round: storage counts from now)' : ''),
    };
  },
};

/** The schedule inside the server: each job every so many seconds (0: off), the first soon after start. */
export function startSchedules(system: JobSystem, intervals: Record<UsageJob, number>, firstAfterMs = 15_000): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const kind of ['collect', 'sample'] as const) {
    const seconds = intervals[kind];
    if (!seconds) continue;
    const tick = () =>
      void system.runScheduled(USAGE_JOBS[kind], seconds).catch((error: unknown) => console.error(`[usage] scheduled ${kind} could not start: ${error instanceof Error ? error.message : error}`));
    timers.push(setTimeout(tick, Math.min(firstAfterMs, seconds * 1000)), setInterval(tick, seconds * 1000));
  }
  for (const t of timers) t.unref();
  return () => timers.forEach((t) => clearTimeout(t));
}
