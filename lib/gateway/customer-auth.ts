import 'server-only';
import { GatewayError } from './errors';
import { gatewayRequest, type GatewayConnection } from './request';

/**
 * Proves a customer's key pair by a signed S3 request as that user (ListBuckets); the answer names
 * the owner, whose id is the S3 user id. Returns null when the gateway rejects the keys.
 */
export async function verifyCustomerKeys(accessKeyId: string, secret: string, conn?: GatewayConnection): Promise<{ userId: string } | null> {
  try {
    const { text } = await gatewayRequest({ method: 'GET', path: '/', credentials: { accessKeyId, secret } }, conn);
    const id = /<Owner>\s*<ID>([^<]+)<\/ID>/.exec(text)?.[1];
    if (!id) throw new GatewayError('invalid-response', 'The gateway’s bucket list names no owner.');
    return { userId: id };
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'refused' && error.status === 403) return null;
    throw error;
  }
}
