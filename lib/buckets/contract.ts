import { z } from 'zod';
import { wholeNumber } from '../api/input';
import { paged } from '../api/common-schemas';
import { limitsAnswer, quotaAnswer } from '../limits/contract';

/** Buckets across the gateway. */

export const bucketListQuery = z.object({
  q: z.string().trim().max(254).default(''),
  sort: z.enum(['name', 'size', 'created']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: wholeNumber('page', { min: 1, max: 1_000_000 }).default(1),
  pageSize: z.enum(['25', '50', '100'], { error: 'pageSize must be 25, 50 or 100' }).default('50').transform(Number),
});

export type BucketListQuery = z.infer<typeof bucketListQuery>;

const bucketRow = z.object({ name: z.string(), epoch: z.number(), ownerId: z.string(), ownerEmail: z.string().nullable(), createdAt: z.string(), size: z.string() });

export const bucketsContract = {
  'GET /api/buckets': { query: bucketListQuery, answer: paged(bucketRow) },
  'GET /api/buckets/:name': {
    answer: z.object({
      name: z.string(),
      epoch: z.number(),
      createdAt: z.string(),
      owner: z.object({ id: z.string(), email: z.string().nullable() }),
      size: z.object({ current: z.string(), hmax: z.string(), hIntegral: z.string(), lastTs: z.number() }),
      limits: limitsAnswer,
      quota: quotaAnswer,
    }),
  },
  'DELETE /api/buckets/:name': { body: z.object({ confirm: z.string() }), answer: z.object({ deleted: z.string() }) },
} as const;

export type BucketList = z.output<(typeof bucketsContract)['GET /api/buckets']['answer']>;
export type BucketDetail = z.output<(typeof bucketsContract)['GET /api/buckets/:name']['answer']>;
