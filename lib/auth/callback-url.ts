/** Where to go after sign-in: only a path on this console, never another site (`//evil`, `https:`). */
export function safeCallbackUrl(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  try {
    const url = new URL(raw, 'http://console.invalid');
    if (url.origin !== 'http://console.invalid' || url.pathname.startsWith('/api/')) return '/';
    return url.pathname + url.search;
  } catch {
    return '/';
  }
}
