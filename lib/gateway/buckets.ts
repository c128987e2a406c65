import 'server-only';
import type { z } from 'zod';
import { gatewayJson, gatewayJsonList, gatewayRequest, type GatewayConnection } from './request';
import { bucketListSchema, bucketSchema, bucketSummarySchema } from './schemas';

/** `ostor-buckets`: bucket sizes; the console's own calls for now are per user. */
export const listUserBuckets = (email: string, conn?: GatewayConnection) =>
  gatewayJson({ method: 'GET', service: 'ostor-buckets', params: [['emailAddress', email]], retry: true }, (v) => bucketListSchema.parse(v).Buckets, conn);

/** A reader of the whole-gateway bucket list that checks each bucket with `schema` as the answer arrives. */
function bucketsAsRead<S extends z.ZodType>(schema: S) {
  return <T>(collector: () => { add(bucket: z.output<S>): void; result(): T }, conn?: GatewayConnection) =>
    gatewayJsonList(
      { method: 'GET', service: 'ostor-buckets', retry: true },
      { key: 'Buckets' },
      () => {
        const into = collector();
        return { add: (v) => into.add(schema.parse(v)), result: () => into.result() };
      },
      conn,
    );
}

/**
 * Every bucket of the gateway with all its counters, read as the answer arrives: each bucket is
 * checked, then handed to the collector, which keeps what it needs of it (a storage round of a
 * million buckets parsed the answer whole: the console's memory peaked at 1.8 GB; now 550 MB).
 */
export const listBuckets = bucketsAsRead(bucketSchema);

/** The same, with each bucket's current size only: what the buckets list and its owners' sizes need. */
export const listBucketSummaries = bucketsAsRead(bucketSummarySchema);

export const getBucket = async (name: string, conn?: GatewayConnection) =>
  (await gatewayJson({ method: 'GET', service: 'ostor-buckets', params: [['bucket', name]], retry: true }, (v) => bucketListSchema.parse(v).Buckets, conn))[0];

/** A plain S3 DeleteBucket signed by the system user, as the vendor guide does; the gateway refuses a non-empty bucket. */
export const deleteBucket = (name: string, conn?: GatewayConnection) =>
  gatewayRequest({ method: 'DELETE', path: `/${encodeURIComponent(name)}` }, conn);
