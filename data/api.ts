/** The browser's one way to call the console's API; failures arrive as ApiClientError with words. */
import { ApiClientError } from './api-error';

export { ApiClientError };

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiClientError(0, 'offline', 'The console cannot be reached. Check your connection and try again.');
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // An answer that is not ours (a proxy's error page): described below.
  }
  if (!response.ok) {
    if (response.status === 401 && typeof window !== 'undefined' && !path.startsWith('/api/auth')) {
      // A full load, not a client navigation: the session is gone and every cached view with it.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.href = `/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`;
    }
    throw failureOf(response.status, json, 'The console answered with an error');
  }
  return json as T;
}

/** A failed answer as an error with words: the console's envelope when there is one, else `fallback (HTTP n)`. */
export function failureOf(status: number, json: unknown, fallback: string): ApiClientError {
  const error = (json as { error?: { code: string; message: string; requestId?: string; fields?: Record<string, string> } } | null)?.error;
  return new ApiClientError(status, error?.code ?? 'http_error', error?.message ?? `${fallback} (HTTP ${status}).`, error?.requestId ?? null, error?.fields ?? {});
}

/** A query string of the set values only. */
export function search(params: Record<string, string | number | undefined | null>): string {
  const set = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== null && e[1] !== '');
  return set.length ? `?${new URLSearchParams(set.map(([k, v]) => [k, String(v)]))}` : '';
}

export const encode = encodeURIComponent;
