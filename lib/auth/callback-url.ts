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
  const path = url.pathname;
  if (!path.startsWith('/') || path.startsWith('//')) return '/';
  const first = path.split('/')[1];
  if (path !== '/' && !PAGES.has(first)) return '/';
  return path + url.search;
}

/** next-auth's redirect rule: only this console's pages, as a full address on its own origin. */
export function safeRedirect(url: string, baseUrl: string): string {
  let path = url;
  if (!url.startsWith('/')) {
    try {
      const parsed = new URL(url);
      path = parsed.origin === new URL(baseUrl).origin ? parsed.pathname + parsed.search : '/';
    } catch {
      path = '/';
    }
  }
  return `${baseUrl.replace(/\/+$/, '')}${safeCallbackUrl(path)}`;
}
