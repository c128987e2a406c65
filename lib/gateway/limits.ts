import 'server-only';
import { gatewayJson, gatewayRequest, type GatewayConnection } from './request';
import { limitsSchema, type LimitName } from './schemas';

/** `ostor-limits` for a user (by email) or a bucket (by name); the console sends the vendor guide's form. */
export type LimitTarget = { emailAddress: string } | { bucket: string };

const targetParam = (t: LimitTarget): [string, string] => ('emailAddress' in t ? ['emailAddress', t.emailAddress] : ['bucket', t.bucket]);

export const getLimits = (target: LimitTarget, conn?: GatewayConnection) =>
  gatewayJson({ method: 'GET', service: 'ostor-limits', params: [targetParam(target)], retry: true }, (v) => limitsSchema.parse(v), conn);

/** Sets one limit to a value: safe to retry, it sets a state rather than adding to one. */
export const setLimit = (target: LimitTarget, name: LimitName, value: number, conn?: GatewayConnection) =>
  gatewayRequest(
    {
      method: 'PUT',
      service: 'ostor-limits',
      params: [
        targetParam(target),
        ['limit-type', name === 'out' ? 'bandwidth' : 'ops'],
        ['limit-resource', name],
        ['limit-value', String(value)],
      ],
      retry: true,
    },
    conn,
  );

export const removeLimits = (target: LimitTarget, conn?: GatewayConnection) =>
  gatewayRequest({ method: 'DELETE', service: 'ostor-limits', params: [targetParam(target)], retry: true }, conn);
