import 'server-only';
import { env } from '../config/env';

/** The S3 address customers are given: GATEWAY_PUBLIC_URL (or its older name S3_ENDPOINT), else the console's own GATEWAY_URL. */
export const publicEndpoint = (): string => {
  const e = env();
  return (e.GATEWAY_PUBLIC_URL ?? e.S3_ENDPOINT ?? e.GATEWAY_URL).replace(/\/+$/, '');
};
