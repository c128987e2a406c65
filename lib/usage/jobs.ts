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
    const words = collectSummary(result);
    if (result.status === 'interrupted') return { state: 'interrupted', message: `Stopped with the console: ${words} The next run carries on.`, progress, errors: progress.errors };
    return { state: 'done', message: words, progress, errors: progress.errors };
  },
};

const reports = (n: number) => `${n} usage report${n === 1 ? '' : 's'}`;

/** How a collection went, in words a person reads at a glance. */
export function collectSummary(r: { total: number; collected: number; deleted: number; skipped: number; failing: number; quarantined: number; errors: string[] }): string {
  if (r.total === 0) return 'No usage reports were waiting on the gateway.';
  const parts = [`${reports(r.collected)} added to the figures`];
  if (r.deleted !== r.collected) parts.push(`${r.deleted} removed from the gateway`);
  if (r.skipped) parts.push(`${r.skipped} still being written by the gateway (read next time)`);
  if (r.failing) parts.push(`${r.failing} could not be read (tried again next time)`);
  if (r.quarantined) parts.push(`${r.quarantined} set aside for you to look at`);
  if (r.errors.length) parts.push(`${r.errors.length} failed (tried again next time)`);
  return `${parts.join('; ')}.`;
}

export const sampleJob: JobDefinition = {
  kind: USAGE_JOBS.sample,
  async work({ database, follow }) {
    const result = await sampleStorage(database);
    if (result.status === 'busy') return { state: 'busy', message: BUSY.sample };
    if (result.status === 'skipped') return { state: 'done', message: result.reason };
    // A storage round sees every bucket: buckets made since the last one get their plan's quota now.
    await follow('plans.reconcile', 'storage round').catch((error: unknown) => console.error(`[jobs] plan reconciliation could not start: ${error instanceof Error ? error.message : error}`));
    return {
      state: 'done',
      message: `Sizes of ${result.buckets} bucket${result.buckets === 1 ? '' : 's'} recorded` + (result.integratedSeconds === null ? ' (the first round: storage is measured from now on).' : '.'),
    };
  },
};

/** The schedule inside the server: each job every so many seconds (0: off), the first soon after start. */
export function startSchedules(system: JobSystem, intervals: Partial<Record<UsageJob, number>> & { reconcile?: number }, firstAfterMs = 15_000): () => void {
  const kinds: [string, number | undefined][] = [
    [USAGE_JOBS.collect, intervals.collect],
    [USAGE_JOBS.sample, intervals.sample],
    ['plans.reconcile', intervals.reconcile],
  ];
  const timers: NodeJS.Timeout[] = [];
  for (const [kind, seconds] of kinds) {
    if (!seconds) continue;
    const tick = () => void system.runScheduled(kind, seconds).catch((error: unknown) => console.error(`[jobs] scheduled ${kind} could not start: ${error instanceof Error ? error.message : error}`));
    timers.push(setTimeout(tick, Math.min(firstAfterMs, seconds * 1000)), setInterval(tick, seconds * 1000));
  }
  for (const t of timers) t.unref();
  return () => timers.forEach((t) => clearTimeout(t));
}
