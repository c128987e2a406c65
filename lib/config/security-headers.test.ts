import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '@/proxy';

const root = path.resolve(import.meta.dirname, '../..');

/** The headers next.config.js gives every answer, as a server started with `consoleUrl` would. */
function configHeaders(consoleUrl: string): { source: string; headers: { key: string; value: string }[] }[] {
  const script = `import('./next.config.js').then(async (m) => console.log(JSON.stringify(await m.default.headers())))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, env: { ...process.env, NEXTAUTH_URL: consoleUrl } }).toString());
}

describe('security headers', () => {
  it('sends Strict-Transport-Security only for a console served over https', () => {
    const hsts = (url: string) => configHeaders(url).flatMap((r) => r.headers).find((h) => h.key === 'Strict-Transport-Security')?.value;
    expect(hsts('https://console.example.com')).toBe('max-age=63072000; includeSubDomains');
    expect(hsts('http://localhost:3000')).toBeUndefined();
  });

  it('gives API answers a policy that forbids everything, and pages none of it (they get theirs per request)', () => {
    const rules = configHeaders('http://localhost:3000');
    const api = rules.find((r) => r.source === '/api/:path*')!.headers.find((h) => h.key === 'Content-Security-Policy')!.value;
    expect(api).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(rules.find((r) => r.source === '/:path*')!.headers.map((h) => h.key)).not.toContain('Content-Security-Policy');
  });

  it('lets a page run only the scripts carrying its nonce', () => {
    const policy = contentSecurityPolicy('abc123', { https: false, dev: false });
    expect(policy.split('; ')).toEqual([
      "default-src 'self'",
      "script-src 'self' 'nonce-abc123' 'strict-dynamic'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "frame-ancestors 'none'",
      "frame-src 'none'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ]);
    expect(contentSecurityPolicy('n', { https: true, dev: false })).toContain('upgrade-insecure-requests');
    expect(contentSecurityPolicy('n', { https: false, dev: true })).toContain("'unsafe-eval'");
  });
});
