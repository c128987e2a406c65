import 'server-only';
import { env } from '../config/env';
import { database } from '../db';
import { applyJob, reconcileJob } from '../plans/jobs';
import { purgeJob } from '../services/purge';
import { collectJob, sampleJob } from '../usage/jobs';
import { JobSystem } from './system';

/** Every kind of job the console runs. */
export const JOB_DEFINITIONS = [collectJob, sampleJob, reconcileJob, applyJob, purgeJob];

const holder = globalThis as unknown as { staasJobs?: Promise<JobSystem> };

/** The process's job system, started on first use (the server starts it at once). */
export function jobSystem(): Promise<JobSystem> {
  holder.staasJobs ??= (async () => {
    const system = new JobSystem(await database(), JOB_DEFINITIONS, { heartbeatTimeoutSeconds: env().JOB_HEARTBEAT_TIMEOUT });
    await system.start();
    return system;
  })().catch((error) => {
    holder.staasJobs = undefined;
    throw error;
  });
  return holder.staasJobs;
}
