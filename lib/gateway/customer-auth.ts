import 'server-only';
import { GatewayError } from './errors';
import { gatewayRequest, type GatewayConnection } from './request';

export type KeyCheck = { ok: true; userId: string } | { ok: false; why: 'keys' | 'access-denied' };

/**
 * Proves a customer's key pair by a signed S3 request as that user (ListBuckets); the answer names
 * the owner, whose id is the S3 user id. `keys`: the gateway does not know the key or the secret
 * is wrong; `access-denied`: the signature was good but the gateway refuses the user (disabled).
 */
export async function verifyCustomerKeys(accessKeyId: string, secret: string, conn?: GatewayConnection): Promise<KeyCheck> {
  try {
    const { text } = await gatewayRequest({ method: 'GET', path: '/', credentials: { accessKeyId, secret } }, conn);
    const id = /<Owner>\s*<ID>([^<]+)<\/ID>/.exec(text)?.[1];
    if (!id) throw new GatewayError('invalid-response', 'The gateway’s bucket list names no owner.');
    return { ok: true, userId: id };
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'refused' && error.status === 403) return { ok: false, why: error.code === 'AccessDenied' ? 'access-denied' : 'keys' };
    throw error;
  }
}
