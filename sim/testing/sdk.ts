import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
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

/** The S3 error a call fails with (its name and HTTP status); a call that succeeds fails the test. */
export async function sdkFailure(promise: Promise<unknown>): Promise<{ name: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return { name: error.name, status: error.$metadata.httpStatusCode };
    throw error;
  }
  throw new Error('the call succeeded');
}
