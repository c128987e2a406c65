import { z } from 'zod';
import { int64 } from '../api/input';
import { jobRunSchema } from '../jobs/contract';
import { checkRange } from './figures';
import { isDay, isMonth, nextMonth } from './periods';

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** Usage figures, invoices, the day traces, the usage jobs and the statistics objects. */

const day = z.string().refine(isDay, 'Give a date as YYYY-MM-DD.');
const month = z.string().refine(isMonth, 'Give a month as YYYY-MM.');
const epoch = int64('epoch');


export const seriesQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    group: z.enum(['day', 'month'], { error: 'Group by "day" or "month".' }).default('day'),
    user: z.string().trim().min(1).max(200).optional(),
    bucket: z.string().trim().min(1).max(255).optional(),
    epoch: epoch.optional(),
  })
  .transform((q, ctx) => {
    const from = q.from ?? `${thisMonth()}-01`;
    const to = q.to ?? nextMonth(from.slice(0, 7));
    const problem = checkRange(from, to, q.group);
    if (problem) ctx.addIssue({ code: 'custom', path: ['to'], message: problem });
    if (q.epoch !== undefined && q.bucket === undefined) ctx.addIssue({ code: 'custom', path: ['epoch'], message: 'An epoch needs a bucket.' });
    return { ...q, from, to };
  });

export const exportQuery = z.object({
  /** One user's invoice; without it, every user's month (staff only). */
  user: z.string().trim().min(1).max(200).optional(),
  month: month.optional(),
  format: z.enum(['csv', 'json'], { error: 'The format is "csv" or "json".' }).default('json'),
  /** For every user's month: a line per user, or per bucket generation. */
  by: z.enum(['user', 'bucket'], { error: 'by is "user" or "bucket".' }).default('user'),
});

export const traceQuery = z.object({ day, user: z.string().trim().min(1).max(200).optional(), bucket: z.string().trim().min(1).max(255).optional(), epoch: epoch.optional() });

const counted = z.string();
export const figuresSchema = z.object({
  storageByteSeconds: counted,
  storageGbMonth: counted,
  uploadedBytes: counted,
  uploadedGb: counted,
  downloadedBytes: counted,
  downloadedGb: counted,
  requests: z.object({ put: counted, get: counted, list: counted, other: counted, total: counted }),
});

const ranked = z.object({ userId: z.string(), figures: figuresSchema, email: z.string().nullable() });
const updated = z.object({
  collectedAt: z.string().nullable(),
  sampledAt: z.string().nullable(),
  /** The first storage round: storage is measured from then on. */
  firstSampledAt: z.string().nullable(),
});
const units = z.object({ storage: z.string(), transfer: z.string(), requests: z.string(), days: z.string() });

const series = z.object({
  from: z.string(),
  to: z.string(),
  group: z.enum(['day', 'month']),
  series: z.array(figuresSchema.extend({ period: z.string() })),
  totals: figuresSchema,
  scope: z.object({ user: z.string().nullable(), bucket: z.string().nullable(), epoch: z.string().nullable() }),
  top: z.object({ storage: z.array(ranked), uploaded: z.array(ranked), downloaded: z.array(ranked), requests: z.array(ranked) }).nullable(),
  updated,
  units,
});

const invoice = z.object({
  month: z.string(),
  user: z.object({ id: z.string(), email: z.string().nullable() }),
  units,
  updated,
  lines: z.array(figuresSchema.extend({ bucket: z.string(), epoch: z.string() })),
  total: figuresSchema,
});

/** Every user's month, for a billing run: a line per user (or per bucket generation), emails where the gateway still knows the user. */
export const billingLineSchema = figuresSchema.extend({ userId: z.string(), email: z.string().nullable(), bucket: z.string(), epoch: z.string() });
export const billingHeadSchema = z.object({ month: z.string(), by: z.enum(['user', 'bucket']), units, updated });
const billing = billingHeadSchema.extend({ lines: z.array(billingLineSchema) });

const trace = z.object({
  day: z.string(),
  objects: z.array(
    z.object({ name: z.string(), startAt: z.string(), period: z.number().nullable(), items: z.number(), uploaded: z.string(), downloaded: z.string(), requests: z.string(), deletedAt: z.string().nullable() }),
  ),
  rounds: z.array(z.object({ id: z.number(), at: z.string(), buckets: z.number(), bytes: z.string(), secondsInDay: z.number(), byteSeconds: z.string() })),
});

/** How far a collection run has come: written by the collector as it goes, read by the usage page. */
const collectProgress = z.object({
  total: z.number(),
  done: z.number(),
  collected: z.number(),
  deleted: z.number(),
  skipped: z.number(),
  failing: z.number(),
  quarantined: z.number(),
  errors: z.array(z.string()),
});

const run = jobRunSchema;

const waiting = z.object({
  name: z.string(),
  serviceId: z.string().nullable(),
  start: z.string().nullable(),
  periodSeconds: z.number().nullable(),
  state: z.enum(['new', 'growing', 'collected', 'failing', 'quarantined', 'unknown-name']),
  note: z.string().nullable(),
  attempts: z.number(),
});

const ledger = z.object({ status: z.enum(['collected', 'failing', 'quarantined']), reason: z.string().nullable(), collectedAt: z.string() }).nullable();
const opened = z.discriminatedUnion('ok', [
  z.object({
    name: z.string(),
    ok: z.literal(true),
    ledger,
    startTs: z.number(),
    period: z.number(),
    items: z.array(z.record(z.string(), z.string())),
    itemCount: z.number(),
    /** The emails of the users the items name, where the gateway still knows them. */
    emails: z.record(z.string(), z.string()),
  }),
  z.object({ name: z.string(), ok: z.literal(false), ledger, reason: z.string(), raw: z.string(), rawBytes: z.number() }),
]);

export const usageContract = {
  'GET /api/usage': { query: seriesQuery, answer: series },
  'GET /api/usage/export': { query: exportQuery, answer: z.union([invoice, billing]) },
  'GET /api/usage/trace': { query: traceQuery, answer: trace },
  'GET /api/usage/jobs/:kind': { answer: z.object({ job: run.nullable() }) },
  'POST /api/usage/jobs/:kind': { answer: z.object({ job: run, started: z.boolean() }) },
  'GET /api/usage/statistics': { answer: z.object({ objects: z.array(waiting), total: z.number() }) },
  'GET /api/usage/statistics/:name': { answer: opened },
  'DELETE /api/usage/statistics/:name': { answer: z.object({ name: z.string(), wasCollected: z.boolean() }) },
  'POST /api/usage/statistics/:name/retry': { answer: z.object({ name: z.string(), state: z.literal('failing') }) },
  'GET /api/me/usage': { query: seriesQuery, answer: series },
  'GET /api/me/usage/export': { query: exportQuery, answer: invoice },
} as const;

export type UsageSeries = z.output<typeof series>;
export type Figures = z.output<typeof figuresSchema>;
export type Trace = z.output<typeof trace>;
export type JobRunView = z.output<typeof run>;
export type CollectProgress = z.output<typeof collectProgress>;
export type WaitingObjectView = z.output<typeof waiting>;
export type OpenedObject = z.output<typeof opened>;
