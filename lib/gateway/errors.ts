/** How a gateway call failed, in kinds the UI can act on. */
export type GatewayErrorKind =
  | 'unreachable' // no connection, reset, DNS
  | 'timeout' // no answer in time
  | 'refused' // a 4xx: the gateway understood and said no
  | 'failed' // a 5xx: the gateway broke
  | 'invalid-response'; // an answer that is not what the API promises

/** Words for the gateway's error codes that a person can act on. */
const CODE_MESSAGES: Record<string, string> = {
  NoSuchUser: 'There is no such user on the gateway.',
  NoSuchBucket: 'There is no such bucket on the gateway.',
  NoSuchAccount: 'There is no such account for this user.',
  NoSuchKey: 'There is no such key on the gateway.',
  UserAlreadyExists: 'A user with this email already exists.',
  AccountAlreadyExists: 'This user already has an account with this name.',
  UserHasBuckets: 'The user still owns buckets. Delete the buckets first, then the user.',
  BucketNotEmpty: 'The bucket is not empty. Delete its objects first.',
  TooManyAccessKeys: 'The gateway allows at most 2 active key pairs. Revoke one before generating another.',
  SignatureDoesNotMatch: 'The gateway refused the console’s signature: check the system user’s secret key.',
  InvalidAccessKeyId: 'The gateway does not know the console’s access key: check the system user’s key id.',
  RequestTimeTooSkewed: 'The console’s clock and the gateway’s differ by more than 15 minutes.',
  AccessDenied: 'The gateway denied access. Is the configured key a system user’s?',
  SlowDown: 'The gateway is rate-limiting requests. Try again in a moment.',
  ServiceUnavailable: 'The gateway is temporarily unavailable.',
  InternalError: 'The gateway had an internal error.',
};

export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    /** The gateway's own words, when it gave any. */
    readonly detail: string | null = null,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** What a read finds, or null when the gateway says there is no such thing (404). */
export async function unlessGone<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof GatewayError && error.status === 404) return null;
    throw error;
  }
}

function xmlField(text: string, field: string): string | null {
  const m = new RegExp(`<${field}>([^<]*)</${field}>`).exec(text);
  return m ? m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&') : null;
}

/** Turns any non-2xx answer (S3 XML, JSON, HTML from a proxy, or nothing) into one GatewayError. */
export function errorFromResponse(status: number, headers: Headers, body: string): GatewayError {
  let code: string | null = null;
  let detail = headers.get('x-amz-err-message');
  const trimmed = body.trim();
  if (trimmed.startsWith('<?xml') || trimmed.startsWith('<Error')) {
    code = xmlField(trimmed, 'Code');
    detail = detail ?? xmlField(trimmed, 'Message');
  } else if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      const nested = (json.error ?? json.Error) as Record<string, unknown> | string | undefined;
      code = String((typeof nested === 'object' && nested?.code) || json.code || json.Code || '') || null;
      detail = detail ?? (String((typeof nested === 'object' ? nested?.message : nested) ?? json.message ?? json.Message ?? '') || null);
    } catch {
      // Not JSON after all: fall through to the status-based message.
    }
  } else if (/^<(!doctype|html)/i.test(trimmed)) {
    const kind = status >= 500 ? 'failed' : 'refused';
    return new GatewayError(kind, `The gateway address answered with a web page (HTTP ${status}), not the gateway API. Is a proxy in the way, or is GATEWAY_URL wrong?`, status);
  }
  // The code is the gateway's word: only our own entries count ("constructor" is not a message).
  const known = code && Object.hasOwn(CODE_MESSAGES, code) ? CODE_MESSAGES[code] : undefined;
  const kind = status >= 500 ? 'failed' : 'refused';
  const fallback = status >= 500 ? `The gateway failed (HTTP ${status}).` : `The gateway refused the request (HTTP ${status}).`;
  const message = known ?? (detail ? `${fallback} It said: ${detail}` : fallback);
  return new GatewayError(kind, message, status, code, detail);
}
