import 'server-only';
import crypto from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { env } from '../config/env';
import { writeAudit } from '../audit/log';
import type { SessionUser } from '../auth/options';
import { can, whyNot, type Permission } from '../auth/permissions';
import { currentUser } from '../auth/session';
import { ApiError, forbidden, fromZod, toApiError, unauthenticated } from './errors';

export interface RouteContext<P> {
  req: NextRequest;
  user: SessionUser;
  params: P;
  requestId: string;
  /** Extra words for the audit entry (never a secret). */
  note(detail: string): void;
  /** Names the audit entry's target once the handler knows it (say, from the body). */
  retarget(target: string): void;
}

interface AuditSpec<P> {
  action: string;
  target: (params: P, req: NextRequest) => string;
}

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/** Mutations must come from the console's own pages: a cross-site form or script is refused. */
function sameOrigin(req: NextRequest): boolean {
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') return false;
  const origin = req.headers.get('origin');
  if (!origin) return site === 'same-origin';
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return origin === new URL(env().NEXTAUTH_URL).origin || host === req.headers.get('host');
}

function errorResponse(error: ApiError, requestId: string): NextResponse {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, requestId, ...(error.fields ? { fields: error.fields } : {}) } },
    { status: error.status, headers: { ...NO_STORE, 'x-request-id': requestId } },
  );
}

/**
 * The one wrapper for API routes: checks the session and the permission itself (the proxy only
 * redirects), refuses cross-site mutations, audits every mutation, and answers in one envelope
 * with `Cache-Control: no-store`. A refused call never reaches the gateway.
 */
export function route<P = Record<string, never>>(
  permission: Permission,
  /** Returns the answer's data, sent as JSON (an allowlist: handlers shape what they return), or a whole Response. */
  handler: (ctx: RouteContext<P>) => Promise<unknown>,
  audit?: AuditSpec<P>,
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = crypto.randomUUID();
    const mutation = req.method !== 'GET' && req.method !== 'HEAD';
    let user: SessionUser | null = null;
    let params = {} as P;
    let detail: string | null = null;
    let target: string | null = null;
    const auditTarget = () => target ?? audit!.target(params, req);
    try {
      if (mutation && !sameOrigin(req)) throw new ApiError(403, 'cross_site', 'Changes must be made from the console itself.');
      user = await currentUser();
      if (!user) throw unauthenticated();
      params = (await context?.params) ?? ({} as P);
      if (!can(user.role, permission)) {
        if (audit) await writeAudit({ actor: user, action: audit.action, target: auditTarget(), outcome: 'denied', requestId });
        throw forbidden(whyNot(user.role, permission) ?? 'Not allowed.');
      }
      const result = await handler({ req, user, params, requestId, note: (d) => (detail = d), retarget: (t) => (target = t) });
      if (audit) await writeAudit({ actor: user, action: audit.action, target: auditTarget(), outcome: 'ok', detail, requestId });
      // A handler may answer in another format (a CSV download): the same headers go with it.
      if (result instanceof Response) {
        for (const [k, v] of Object.entries({ ...NO_STORE, 'x-request-id': requestId })) result.headers.set(k, v);
        return result;
      }
      return NextResponse.json(result ?? {}, { headers: { ...NO_STORE, 'x-request-id': requestId } });
    } catch (error) {
      const known = toApiError(error);
      if (!known) console.error(`[api] ${requestId} ${req.method} ${req.nextUrl.pathname}:`, error instanceof Error ? error.name : typeof error);
      const apiError = known ?? new ApiError(500, 'internal', `Something went wrong on the console’s side. Quote request id ${requestId} when reporting it.`);
      if (audit && user && can(user.role, permission)) {
        await writeAudit({ actor: user, action: audit.action, target: auditTarget(), outcome: 'failed', detail: apiError.message, requestId }).catch(() => undefined);
      }
      return errorResponse(apiError, requestId);
    }
  };
}

/** The request's JSON body, checked by a schema (422 with field paths when it does not fit). */
export async function body<T extends z.ZodType>(req: NextRequest, schema: T): Promise<z.infer<T>> {
  let value: unknown;
  try {
    value = await req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body must be JSON.');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZod(parsed.error);
  return parsed.data;
}
