import 'server-only';
import { gatewayJson, gatewayJsonList, gatewayRequest, type GatewayConnection, type ListCollector } from './request';
import { bucketListSchema, bucketSummarySchema, type BucketSummary } from './schemas';

/** `ostor-buckets`: bucket sizes; the console's own calls for now are per user. */
export const listUserBuckets = (email: string, conn?: GatewayConnection) =>
  gatewayJson({ method: 'GET', service: 'ostor-buckets', params: [['emailAddress', email]], retry: true }, (v) => bucketListSchema.parse(v).Buckets, conn);

export const listAllBuckets = (conn?: GatewayConnection) =>
  gatewayJson({ method: 'GET', service: 'ostor-buckets', retry: true }, (v) => bucketListSchema.parse(v).Buckets, conn);

/**
 * Every bucket of the gateway with its current size only (the buckets list and its owners' sizes),
 * read as the answer arrives: each bucket is checked, then handed to the collector, which keeps
 * what it needs of it.
 */
export const listBucketSummaries = <T>(collector: () => ListCollector<T>, conn?: GatewayConnection) =>
  gatewayJsonList(
    { method: 'GET', service: 'ostor-buckets', retry: true },
    { key: 'Buckets' },
    () => {
      const into = collector();
      return { add: (v) => into.add(bucketSummarySchema.parse(v)), result: () => into.result() };
    },
    conn,
  );

export const getBucket = async (name: string, conn?: GatewayConnection) =>
  (await gatewayJson({ method: 'GET', service: 'ostor-buckets', params: [['bucket', name]], retry: true }, (v) => bucketListSchema.parse(v).Buckets, conn))[0];

/** A plain S3 DeleteBucket signed by the system user, as the vendor guide does; the gateway refuses a non-empty bucket. */
export const deleteBucket = (name: string, conn?: GatewayConnection) =>
  gatewayRequest({ method: 'DELETE', path: `/${encodeURIComponent(name)}` }, conn);
