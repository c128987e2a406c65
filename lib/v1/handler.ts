import 'server-only';
import crypto from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { ApiError, internalError, toApiError } from '../api/errors';
import { errorResponse, NO_STORE } from '../api/handler';
import { body, query as readQuery } from '../api/input';
import { withAfterRequest } from '../api/after-request';
import type { AuditAction } from '../audit/actions';
import { newLabelSlot, withAuditLabel } from '../audit/label';
import { writeAudit } from '../audit/log';
import { checkToken, takeRequest } from '../api-tokens/tokens';
import { env } from '../config/env';
import { db } from '../db';
import type { ApiTokenRow } from '../db/schema';
import { withGatewayDeadline } from '../gateway/deadline';
import { clientAddress } from '../http/request-context';
import type { V1Endpoint } from './contract';

/** A billing system's request body is small: a service's fields. */
export const V1_MAX_BODY_BYTES = 64 * 1024;

export interface V1Context<P> {
  req: NextRequest;
  token: ApiTokenRow;
  params: P;
  requestId: string;
  note(detail: string): void;
  /** Names the audit entry's target once the handler knows it (from the body). */
  retarget(target: string): void;
}

/** The token as the audit log names it. */
export const tokenActor = (token: Pick<ApiTokenRow, 'id' | 'name'>) => ({ token: true as const, id: token.id, name: token.name });

/**
 * The one wrapper for `/api/v1` routes: a bearer token (never a session cookie), its address
 * allowlist, its scope and its rate limit, then the handler under the gateway's time budget. Every
 * call that changes something is audited with the token's name as the actor, whatever its outcome.
 */
export function v1Route<P = Record<string, never>>(endpoint: V1Endpoint, handler: (ctx: V1Context<P>) => Promise<unknown>, audit?: { action: AuditAction; target: (params: P) => string }) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = crypto.randomUUID();
    let token: ApiTokenRow | null = null;
    let params = {} as P;
    let detail: string | null = null;
    let target: string | null = null;
    const auditTarget = () => target ?? audit!.target(params);
    const label = newLabelSlot();
    try {
      const database = await db();
      const address = clientAddress();
      const checked = await checkToken(database, req.headers.get('authorization'), address);
      if (!checked.ok) {
        const cookieOnly = !req.headers.get('authorization') && req.headers.get('cookie');
        throw new ApiError(checked.status, checked.code, cookieOnly ? 'The API for billing systems takes an API token (Authorization: Bearer <token>), not a console session.' : checked.message);
      }
      token = checked.token;
      params = (await context.params) ?? ({} as P);
      if (endpoint.scope && !token.scopes.includes(endpoint.scope)) {
        throw new ApiError(403, 'forbidden', `The API token “${token.name}” does not have the “${endpoint.scope}” scope.`, undefined, { denied: true });
      }
      const taken = await takeRequest(database, token.id, address);
      if (!taken.ok) {
        throw new ApiError(429, 'rate_limited', `Too many requests with the API token “${token.name}”: at most 20 a second (40 at once). Retry after ${taken.retryAfterSeconds} s.`, undefined, {
          denied: true,
          headers: { 'retry-after': String(taken.retryAfterSeconds) },
        });
      }
      const caller = token;
      const result = await withGatewayDeadline(env().GATEWAY_DEADLINE_MS, () =>
        withAfterRequest(() => withAuditLabel(() => handler({ req, token: caller, params, requestId, note: (d) => (detail = d), retarget: (t) => (target = t) }), label)),
      );
      if (audit) await writeAudit({ actor: tokenActor(token), action: audit.action, target: auditTarget(), targetLabel: label.label, outcome: 'ok', detail, requestId });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? {}, { headers: { ...NO_STORE, 'x-request-id': requestId } });
    } catch (error) {
      const known = toApiError(error);
      if (!known) console.error(`[api/v1] ${requestId} ${req.method} ${req.nextUrl.pathname}:`, error instanceof Error ? `${error.name}: ${error.message}` : typeof error);
      const apiError = known ?? internalError(requestId);
      if (audit && token) {
        await writeAudit({ actor: tokenActor(token), action: audit.action, target: auditTarget(), targetLabel: label.label, outcome: apiError.denied ? 'denied' : 'failed', detail: apiError.message, requestId }).catch(() => undefined);
      }
      return errorResponse(apiError, requestId);
    }
  };
}

/** A v1 body: JSON of at most 64 KB, strictly checked (no body at all reads as `{}`). */
export const v1Body = <T extends z.ZodType>(req: NextRequest, schema: T): Promise<z.infer<T>> => body(req, schema, { limit: V1_MAX_BODY_BYTES, empty: {} });

export const v1Query = readQuery;

/** A path parameter checked by its schema: a bad one is a 422 naming it. */
export function v1Param<T extends z.ZodType>(name: string, value: unknown, schema: T): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(422, 'invalid_input', `${name}: ${parsed.error.issues[0]?.message ?? 'not valid'}`, { [name]: parsed.error.issues[0]?.message ?? 'not valid' });
  return parsed.data;
}
