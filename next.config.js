/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  // Browsers keep to https for a console served over https (read when the server starts).
  ...((process.env.NEXTAUTH_URL ?? '').startsWith('https:') ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

const nextConfig = {
  poweredByHeader: false,
  // Native and WASM database drivers and the password hasher run as plain Node modules.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pg'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      // API answers are data, never a document: nothing in them may run or be framed. (Pages get a
      // policy with a per-request nonce from proxy.ts.)
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }] },
    ];
  },
};

export default nextConfig;
