/**
 * The console's own pages, by first path segment: the only places a sign-in may lead back to.
 * (API routes are not pages; anything else is not ours.)
 */
const PAGES = new Set(['users', 'buckets', 'usage', 'plans', 'audit', 'staff', 'settings', 'me']);

const BASE = 'http://console.invalid';

/**
 * Where to go after sign-in: a path of one of the console's own pages, normalised the way the
 * browser will read it, or '/' (which sends each role home). Whatever the input — another site,
 * `//host`, `/.//host`, `/%2e//host`, backslashes, control characters — the answer starts with
 * exactly one '/' and names a console page.
 */
export function safeCallbackUrl(raw: string | null | undefined): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.length > 2048) return '/';
  // Browsers treat `\` as `/` and drop tabs and newlines: such input is never ours.
  if (/[\\\s\x00-\x1f\x7f]/.test(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  // The path's first segment must name a console page: `//host` (empty first segment) never does.
  const path = url.pathname;
  if (!PAGES.has(path.split('/')[1])) return '/';
  return path + url.search;
}

/** next-auth's redirect rule: only this console's pages, as a full address on its own origin. */
export function safeRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  const parsed = URL.canParse(url, base) ? new URL(url, base) : null;
  const path = parsed?.origin === base.origin ? parsed.pathname + parsed.search : null;
  return `${base.origin}${safeCallbackUrl(path)}`;
}
