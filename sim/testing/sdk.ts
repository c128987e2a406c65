import { S3Client } from '@aws-sdk/client-s3';
import type { KeyPair } from './client';

/** The AWS SDK for JavaScript v3, unmodified, pointed at the simulator path-style. */
export function sdkClient(url: string, key: KeyPair): S3Client {
  return new S3Client({
    endpoint: url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
    maxAttempts: 1,
  });
}
