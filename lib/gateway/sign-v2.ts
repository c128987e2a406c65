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

// Stryker disable next-line EqualityOperator: header names are unique keys, never equal
const byName = (a: string, b: string) => (a < b ? -1 : 1);

/** AWS Signature V2 as the gateway checks it; see the spec digest, "Transport and authentication". */
export function stringToSignV2(input: V2Input): string {
  const amz = Object.entries(input.amzHeaders ?? {})
    .map(([k, v]): [string, string] => [k.toLowerCase(), v.trim()])
    .sort(([a], [b]) => byName(a, b))
    .map(([k, v]) => `${k}:${v}\n`)
    .join('');
  return `${input.method}\n${input.contentMd5 ?? ''}\n${input.contentType ?? ''}\n${input.date}\n${amz}${input.resource}`;
}

export function signatureV2(secret: string, input: V2Input): string {
  return crypto.createHmac('sha1', secret).update(stringToSignV2(input)).digest('base64');
}

/** The date format the gateway's V2 examples use (RFC 2822, `date -R`). */
export function rfc2822Date(date: Date): string {
  // `Sun, 29 Nov 2026 10:00:00 GMT` → `Sun, 29 Nov 2026 10:00:00 +0000`
  return `${date.toUTCString().slice(0, -4)} +0000`;
}
