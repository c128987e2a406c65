import { z } from 'zod';

/** A background job's run as routes show it: who started it, how far it got, how it ended. */
export const jobRunSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'busy', 'interrupted']),
  trigger: z.enum(['schedule', 'manual', 'api']),
  startedBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.unknown(),
  message: z.string().nullable(),
  errors: z.array(z.string()),
  instance: z.string().nullable(),
  attempts: z.number(),
});

export type JobRunView = z.output<typeof jobRunSchema>;
