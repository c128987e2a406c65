import 'server-only';
import { gatewayJson, type GatewayConnection } from './request';
import { bucketListSchema } from './schemas';

/** `ostor-buckets`: bucket sizes; the console's own calls for now are per user. */
export const listUserBuckets = (email: string, conn?: GatewayConnection) =>
  gatewayJson({ method: 'GET', service: 'ostor-buckets', params: [['emailAddress', email]], retry: true }, (v) => bucketListSchema.parse(v).Buckets, conn);
