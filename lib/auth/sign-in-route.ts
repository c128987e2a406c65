import 'server-only';
import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import NextAuth from 'next-auth';
import { NextRequest, NextResponse } from 'next/server';
import { ApiError, internalError, toApiError } from '../api/errors';
import { errorResponse, NO_STORE } from '../api/handler';
import { readBodyText } from '../api/input';
import { writeAudit } from '../audit/log';
import { env } from '../config/env';
import { db } from '../db';
import { clientAddress } from '../http/request-context';
import { safeCallbackUrl } from './callback-url';
import { attemptAccount, authOptions, PROVIDER_FIELDS } from './options';
import type { Role } from './permissions';
import { runSignInAttempt, type SignInAttempt } from './sign-in-attempt';
import { sessionClaims } from './session-token';
import { reserveAttempt, settleAttempt } from './throttle';

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** What next-auth's own forms post: nothing else, and nothing twice. */
const FORM_FIELDS = new Set(['csrfToken', 'callbackUrl', 'json', 'redirect', ...PROVIDER_FIELDS.staff, ...PROVIDER_FIELDS.customer]);

const handler = (req: NextRequest, ctx: Ctx) => NextAuth(safeCallbackParam(req) as never, ctx as never, authOptions());

const CALLBACK_COOKIES = ['next-auth.callback-url', '__Secure-next-auth.callback-url'];

/**
 * next-auth refuses a `callbackUrl` it cannot parse with a 500 page: it only ever gets a console
 * path (anything else becomes '/'), whatever the query said.
 */
function safeCallbackParam(req: NextRequest): NextRequest {
  const raw = req.nextUrl.searchParams.get('callbackUrl');
  if (raw === null) return req;
  const url = new URL(req.url);
  url.searchParams.set('callbackUrl', safeCallbackUrl(raw));
  return new NextRequest(url, req);
}

/** A callback cookie next-auth cannot read (set by hand, never by the console): cleared, in words. */
function badCallbackCookie(req: NextRequest): Response | null {
  const name = CALLBACK_COOKIES.find((n) => {
    const value = req.cookies.get(n)?.value;
    if (value === undefined || value.startsWith('/')) return false;
    try {
      return !/^https?:$/.test(new URL(value).protocol);
    } catch {
      return true;
    }
  });
  if (!name) return null;
  const response = NextResponse.json(
    { error: { code: 'invalid_request', message: 'A sign-in cookie was not one the console set; it has been cleared. Reload the page.' } },
    { status: 400, headers: NO_STORE },
  );
  response.cookies.set(name, '', { maxAge: 0, path: '/' });
  return response;
}

const refuse = (status: number, code: string, message: string) => new ApiError(status, code, message);

/**
 * Reads a sign-in form once, strictly: a form-encoded body of at most 1 MB whose every field
 * appears at most once. What the lock-out counts and what next-auth checks are then the same
 * single values (a doubled field would let one be counted and the other be tried).
 */
async function readForm(req: NextRequest): Promise<URLSearchParams> {
  const type = req.headers.get('content-type') ?? '';
  const text = await readBodyText(req);
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw refuse(400, 'invalid_form', 'Sign-in takes a form (Content-Type: application/x-www-form-urlencoded).');
  }
  const form = new URLSearchParams(text);
  for (const name of new Set(form.keys())) {
    if (!FORM_FIELDS.has(name)) throw refuse(400, 'invalid_form', `The sign-in form has an unknown field “${name.slice(0, 40)}”.`);
    if (form.getAll(name).length > 1) throw refuse(400, 'invalid_form', `The sign-in form gives “${name}” more than once.`);
    if (form.get(name)!.includes('\u0000')) throw refuse(400, 'invalid_form', `The sign-in form’s “${name}” contains a NUL character.`);
  }
  return form;
}

/** next-auth, given exactly the form that was checked. */
function forward(req: NextRequest, ctx: Ctx, form: URLSearchParams) {
  const headers = new Headers(req.headers);
  headers.delete('content-length');
  const clean = new NextRequest(req.url, { method: 'POST', headers, body: form.toString() });
  return handler(clean, ctx);
}

const lockedOut = (retryAfterSeconds: number, busy: boolean) =>
  NextResponse.json(
    {
      url: `${env().NEXTAUTH_URL}/sign-in?error=${busy ? 'Busy' : 'LockedOut'}`,
      error: busy
        ? { code: 'busy', message: 'Too many sign-in attempts at this account are waiting their turn. Try again shortly.' }
        : { code: 'locked_out', message: 'Too many failed sign-ins: this sign-in is locked for now.' },
    },
    { status: 429, headers: { ...NO_STORE, 'retry-after': String(retryAfterSeconds) } },
  );

async function signIn(req: NextRequest, ctx: Ctx, provider: 'staff' | 'customer', form: URLSearchParams, requestId: string) {
  for (const field of PROVIDER_FIELDS[provider]) {
    if (!form.get(field)) throw refuse(400, 'invalid_form', `The sign-in form needs “${field}”.`);
  }
  const account = attemptAccount(provider, form).slice(0, 254);
  const address = clientAddress();
  const database = await db();
  const anonymous = { anonymous: true as const, name: account, provider };
  const verdict = await reserveAttempt(database, account, address);
  if (verdict.kind !== 'go') {
    const detail =
      verdict.kind === 'busy'
        ? 'too many attempts at this account are waiting their turn'
        : verdict.scope === 'pair'
          ? 'too many failures for this account from this address'
          : 'too many failures from this address';
    await writeAudit({ actor: anonymous, action: 'auth.locked-out', target: `account:${account}`, outcome: 'denied', detail: `${detail}; retry after ${verdict.retryAfterSeconds} s`, requestId });
    return lockedOut(verdict.retryAfterSeconds, verdict.kind === 'busy');
  }
  if (verdict.waitMs > 0) await sleep(verdict.waitMs);
  const attempt: SignInAttempt = {};
  let response: Response;
  try {
    response = await runSignInAttempt(attempt, () => forward(req, ctx, form));
  } catch (error) {
    await settleAttempt(database, verdict.attemptId, 'void', { account, address });
    throw error;
  }
  const outcome = attempt.outcome ?? 'error';
  await settleAttempt(database, verdict.attemptId, outcome === 'ok' ? 'ok' : outcome === 'failed' ? 'failed' : 'void', { account, address });
  const waited = verdict.waitMs > 0 ? ` (waited ${Math.round(verdict.waitMs / 1000)} s: ${verdict.accountFailures} failures at this account in 15 minutes)` : '';
  await writeAudit({
    actor: outcome === 'ok' && attempt.user ? { ...attempt.user, role: attempt.user.role as Role } : anonymous,
    action: 'auth.sign-in',
    target: `account:${account}`,
    outcome: outcome === 'ok' ? 'ok' : outcome === 'refused' ? 'denied' : 'failed',
    detail: `${provider} sign-in${attempt.reason ? `: ${attempt.reason}` : ''}${waited}`,
    requestId,
  });
  return response;
}

async function signOut(req: NextRequest, ctx: Ctx, form: URLSearchParams, requestId: string) {
  const token = await sessionClaims(req, env().NEXTAUTH_SECRET);
  const response = await forward(req, ctx, form);
  if (token && typeof token.uid === 'string') {
    await writeAudit({
      actor: { id: token.uid, name: String(token.name ?? ''), role: token.role as Role },
      action: 'auth.sign-out',
      target: token.uid,
      outcome: 'ok',
      requestId,
    });
  }
  return response;
}

/**
 * POST /api/auth/…: every sign-in passes the lock-out (counted before the credentials are
 * checked, so that even the right password is refused during a lock-out and simultaneous guesses
 * cannot outrun the count) and is audited, as is every sign-out.
 */
export async function signInRoute(req: NextRequest, ctx: Ctx): Promise<Response> {
  const requestId = crypto.randomUUID();
  try {
    const cookie = badCallbackCookie(req);
    if (cookie) return cookie;
    const [action, provider] = (await ctx.params).nextauth;
    const form = await readForm(req);
    if (action === 'callback' && (provider === 'staff' || provider === 'customer')) return await signIn(req, ctx, provider, form, requestId);
    if (action === 'signout') return await signOut(req, ctx, form, requestId);
    return await forward(req, ctx, form);
  } catch (error) {
    const known = toApiError(error);
    if (!known) console.error(`[auth] ${requestId}:`, error instanceof Error ? error.name : typeof error);
    return errorResponse(known ?? internalError(requestId), requestId);
  }
}

/** GET /api/auth/…: next-auth's own pages and the session; a bad query is answered in words, never a 500. */
export async function authGet(req: NextRequest, ctx: Ctx): Promise<Response> {
  const requestId = crypto.randomUUID();
  try {
    return badCallbackCookie(req) ?? (await handler(req, ctx));
  } catch (error) {
    console.error(`[auth] ${requestId}:`, error instanceof Error ? error.name : typeof error);
    return errorResponse(new ApiError(400, 'invalid_request', 'The sign-in service could not read this request.'), requestId);
  }
}
