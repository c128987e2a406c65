import crypto from 'node:crypto';

export interface V2Input {
  method: string;
  /** `/?ostor-users` for admin calls (path plus the first query element), the path otherwise. */
  resource: string;
  date: string;
  contentMd5?: string;
  contentType?: string;
  /** `x-amz-*` headers, lower-case names. */
  amzHeaders?: Record<string, string>;
}

/** AWS Signature V2 as the gateway checks it; see the spec digest, "Transport and authentication". */
export function stringToSignV2(input: V2Input): string {
  const amz = Object.entries(input.amzHeaders ?? {})
    .map(([k, v]) => [k.toLowerCase(), v.trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}:${v}\n`)
    .join('');
  return `${input.method}\n${input.contentMd5 ?? ''}\n${input.contentType ?? ''}\n${input.date}\n${amz}${input.resource}`;
}

export function signatureV2(secret: string, input: V2Input): string {
  return crypto.createHmac('sha1', secret).update(stringToSignV2(input), 'utf8').digest('base64');
}

/** The date format the gateway's V2 examples use (RFC 2822, `date -R`). */
export function rfc2822Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}
