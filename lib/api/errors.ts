import { z } from 'zod';
import { GatewayError } from '../gateway/errors';

/** The one error envelope every API answer uses: `{error: {code, message, requestId, fields?}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    readonly options: {
      /** Audited as `denied` rather than `failed`: the console refused on purpose. */
      denied?: boolean;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(message);
  }

  get denied(): boolean {
    return this.options.denied === true;
  }

  get headers(): Record<string, string> {
    return this.options.headers ?? {};
  }
}

export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Sign in to continue.');
export const forbidden = (why: string) => new ApiError(403, 'forbidden', why);
export const notFound = (what: string) => new ApiError(404, 'not_found', what);
/** A failure of the console's own (a bug): said with the request id to quote, nothing more. */
export const internalError = (requestId: string) => new ApiError(500, 'internal', `Something went wrong on the console’s side. Quote request id ${requestId} when reporting it.`);

export function fromZod(error: z.ZodError): ApiError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= `Unknown field “${key.slice(0, 40)}”.`;
      continue;
    }
    fields[issue.path.join('.') || '_'] ??= issue.message;
  }
  return new ApiError(422, 'invalid_input', Object.values(fields)[0] ?? 'The input is not valid.', fields);
}

/** Gateway failures keep the gateway's meaning: not found stays 404, a conflict 409, an outage 503/504. */
export function fromGateway(error: GatewayError): ApiError {
  switch (error.kind) {
    case 'unreachable':
      return new ApiError(503, 'gateway_unreachable', error.message);
    case 'timeout':
      return new ApiError(504, 'gateway_timeout', error.message);
    case 'invalid-response':
      return new ApiError(502, 'gateway_invalid_response', error.message);
    case 'failed':
      return new ApiError(error.code === 'SlowDown' ? 503 : 502, 'gateway_failed', error.message);
    case 'refused':
      if (error.status === 404) return new ApiError(404, 'not_found', error.message);
      if (error.status === 409) return new ApiError(409, 'conflict', error.message);
      if (error.code === 'SlowDown') return new ApiError(503, 'gateway_busy', error.message);
      if (error.status === 400) return new ApiError(422, 'gateway_rejected_input', error.message);
      return new ApiError(502, 'gateway_refused', error.message);
  }
}

export function toApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) return fromZod(error);
  if (error instanceof GatewayError) return fromGateway(error);
  return null;
}
