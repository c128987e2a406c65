import 'server-only';
import crypto from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '../config/env';
import type { AuditAction } from '../audit/actions';
import { newLabelSlot, withAuditLabel } from '../audit/label';
import { writeAudit } from '../audit/log';
import type { SessionUser } from '../auth/options';
import { can, refusal, type Permission } from '../auth/permissions';
import { currentUser } from '../auth/session';
import { withGatewayDeadline } from '../gateway/deadline';
import { withAfterRequest } from './after-request';
import { ApiError, forbidden, internalError, toApiError, unauthenticated } from './errors';
import { declaredTooLarge, tooLarge } from './input';

export { body, int64, query, wholeNumber } from './input';

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
  action: AuditAction;
  target: (params: P, req: NextRequest) => string;
}

export const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

/**
 * Mutations must come from the console's own pages. A browser names the page a request comes
 * from in `Origin` (and, lately, `Sec-Fetch-Site`); the origin must be the console's exactly —
 * scheme, host and port — either as configured (NEXTAUTH_URL) or as the Host the request was
 * sent to, with the console's own scheme. Without Origin, only `Sec-Fetch-Site: same-origin`
 * vouches for a request: anything that names neither is refused.
 */
export function sameOrigin(req: Request): boolean {
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') return false;
  const origin = req.headers.get('origin');
  if (origin === null) return site === 'same-origin';
  const console = new URL(env().NEXTAUTH_URL);
  const host = req.headers.get('host');
  return origin === console.origin || (host !== null && origin === `${console.protocol}//${host}`);
}

export function errorResponse(error: ApiError, requestId: string): NextResponse {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, requestId, ...(error.fields ? { fields: error.fields } : {}) } },
    { status: error.status, headers: { ...NO_STORE, 'x-request-id': requestId, ...error.headers } },
  );
}

const suspended = () =>
  new ApiError(403, 'suspended', 'Your storage account is suspended by your provider: nothing can be read or changed here until they restore it. Your data is kept.');

/**
 * The one wrapper for API routes: refuses cross-site mutations and oversized bodies first, checks
 * the session and the permission itself (the proxy only redirects), audits every mutation, and
 * answers in one envelope with `Cache-Control: no-store`. A refused call never reaches the gateway.
 */
export function route<P = Record<string, never>>(
  permission: Permission,
  /** Returns the answer's data, sent as JSON (an allowlist: handlers shape what they return), or a whole Response. */
  handler: (ctx: RouteContext<P>) => Promise<unknown>,
  audit?: AuditSpec<P>,
  /** A route that streams a larger body through (an upload's part) names its own limit. */
  options: { maxBodyBytes?: number } = {},
) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = crypto.randomUUID();
    const mutation = req.method !== 'GET' && req.method !== 'HEAD';
    let user: SessionUser | null = null;
    let params = {} as P;
    let detail: string | null = null;
    let target: string | null = null;
    const auditTarget = () => target ?? audit!.target(params, req);
    const label = newLabelSlot();
    try {
      if (mutation && !sameOrigin(req)) {
        // Stryker disable next-line ArrowFunction: null and undefined both mean "nobody signed in" here
        const actor = await currentUser().catch(() => null);
        await writeAudit({
          actor: actor ?? { anonymous: true, name: '(not signed in)', provider: 'none' },
          action: 'request.cross-site',
          target: `${req.method} ${req.nextUrl.pathname}`.slice(0, 300),
          outcome: 'denied',
          detail: `Origin ${req.headers.get('origin') ?? '(none)'}, Sec-Fetch-Site ${req.headers.get('sec-fetch-site') ?? '(none)'}`,
          requestId,
        }).catch(() => undefined);
        throw new ApiError(403, 'cross_site', 'Changes must be made from the console itself.');
      }
      if (mutation && declaredTooLarge(req, options.maxBodyBytes)) throw tooLarge(options.maxBodyBytes);
      user = await currentUser();
      if (!user) throw unauthenticated();
      params = (await context.params) ?? ({} as P);
      if (!can(user.role, permission)) {
        if (audit) await writeAudit({ actor: user, action: audit.action, target: auditTarget(), outcome: 'denied', requestId });
        throw forbidden(refusal(user.role));
      }
      // Only a customer's session carries `suspended` (lib/auth/options.ts).
      if (user.suspended) throw suspended();
      const signedIn = user;
      const result = await withGatewayDeadline(env().GATEWAY_DEADLINE_MS, () =>
        withAfterRequest(() => withAuditLabel(() => handler({ req, user: signedIn, params, requestId, note: (d) => (detail = d), retarget: (t) => (target = t) }), label)),
      );
      if (audit) await writeAudit({ actor: user, action: audit.action, target: auditTarget(), targetLabel: label.label, outcome: 'ok', detail, requestId });
      // A handler may answer in another format (a CSV download): the same headers go with it.
      if (result instanceof Response) {
        for (const [k, v] of Object.entries({ ...NO_STORE, 'x-request-id': requestId })) result.headers.set(k, v);
        return result;
      }
      return NextResponse.json(result ?? {}, { headers: { ...NO_STORE, 'x-request-id': requestId } });
    } catch (error) {
      const known = toApiError(error);
      if (!known) console.error(`[api] ${requestId} ${req.method} ${req.nextUrl.pathname}:`, error instanceof Error ? error.name : typeof error);
      const apiError = known ?? internalError(requestId);
      if (audit && user && can(user.role, permission)) {
        const outcome = apiError.denied ? 'denied' : 'failed';
        await writeAudit({ actor: user, action: audit.action, target: auditTarget(), targetLabel: label.label, outcome, detail: apiError.message, requestId }).catch(() => undefined);
      }
      return errorResponse(apiError, requestId);
    }
  };
}
