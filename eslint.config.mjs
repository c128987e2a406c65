import next from 'eslint-config-next';

/**
 * The boundaries of the code base, enforced (docs/architecture.md explains them):
 * - the browser's code (components/, data/) reaches the server's modules for types only, apart
 *   from a few small modules written for both sides;
 * - components call the API through the data layer, never `fetch` or `api()` themselves;
 * - query keys are written in the data layer's key modules only;
 * - links between pages are the kit's `Link`, not `next/link` (which prefetches every link in view);
 * - the gateway simulator (sim/) depends on nothing of the console;
 * - numbers are written for reading by lib/format.ts, never by `Intl` (whose first use costs the
 *   server 8 MB and 20–30 ms for good), and texts compared in code point order, never by
 *   `localeCompare` (ICU's collation data, 4 MB);
 * - a route's schemas are made once, when its module loads, never inside its handlers.
 */

/** Server modules the browser may run: plain data and functions, no zod, no secrets. */
const BROWSER_SAFE = ['format', 'limits/labels', 'plans/settings', 'users/constants', 'auth/permissions', 'auth/callback-url', 'audit/actions', 'auth/password-rules', 'objects/names', 'objects/limits'];

const LIB_TYPES_ONLY = {
  regex: `^(@/|(\\.\\./)+)lib/(?!(${BROWSER_SAFE.join('|')})$)`,
  allowTypeImports: true,
  message: 'The browser takes types from lib/ (a contract\'s z.infer types), not code: zod and server modules stay on the server. Add a browser-safe module to BROWSER_SAFE if it truly is one.',
};
const ZOD_TYPES_ONLY = { name: 'zod', allowTypeImports: true, message: 'Answers are parsed on the server (lib/api/contract.ts); the browser uses their types only.' };
const API_VIA_DATA_LAYER = { name: '@/data/api', importNames: ['api'], message: 'Call the API through a query or mutation of data/<domain>/ so that keys and refreshes stay in one place.' };

const NO_NEXT_LINK = { name: 'next/link', message: 'Link to a console page with Link from components/ui/link.tsx: next/link prefetches every link in view (docs/architecture.md).' };

const QUERY_KEY_LITERALS = [
  {
    selector: "Property[key.name='queryKey'] > ArrayExpression",
    message: 'Query keys live in data/<domain>/keys.ts: use the key factory.',
  },
  {
    selector: 'CallExpression[callee.property.name=/^(setQueryData|getQueryData|setQueriesData|getQueriesData)$/] > ArrayExpression.arguments',
    message: 'Query keys live in data/<domain>/keys.ts: use the key factory.',
  },
];

/**
 * A zod schema made inside a route's handler is made again on every request, and zod compiles an
 * object schema's checks on its first parse: a users page spent 0.3 ms per request on one
 * `.extend()` that way. Made at the module's top level, once.
 */
const SCHEMA_MESSAGE = 'Make the schema once, at the top of the module: made in a handler, it is made (and compiled by zod) on every request.';
const SCHEMAS_AT_MODULE_LOAD = [
  { selector: ":function CallExpression[callee.object.name='z']", message: SCHEMA_MESSAGE },
  { selector: ':function CallExpression[callee.property.name=/^(extend|safeExtend|pick|omit|partial|required|merge)$/]', message: SCHEMA_MESSAGE },
];

const ICU_MESSAGE = 'Write numbers with formatNumber or formatSmall (lib/format.ts): the first Intl format of a process loads ICU data, about 8 MB of the server for good.';
const NO_ICU_FORMATS = [
  'error',
  ...['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'].map((property) => ({ property, message: ICU_MESSAGE })),
  { object: 'Intl', message: ICU_MESSAGE },
  { property: 'localeCompare', message: 'Compare texts with compareText (lib/format.ts), in code point order: localeCompare loads ICU collation data into the server, and orders alike on no two machines for sure.' },
];

const config = [
  ...next,
  { ignores: ['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.data/**', 'db/migrations/**', 'reports/**', '.stryker-tmp/**'] },
  {
    files: ['components/**/*.{ts,tsx}', 'data/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [ZOD_TYPES_ONLY, NO_NEXT_LINK], patterns: [LIB_TYPES_ONLY] }],
      'no-restricted-syntax': ['error', ...QUERY_KEY_LITERALS],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Only data/api.ts (the API) and data/auth.ts (signing in and out) call fetch: use a query or mutation of the data layer.' }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [ZOD_TYPES_ONLY, API_VIA_DATA_LAYER, NO_NEXT_LINK], patterns: [LIB_TYPES_ONLY] }],
    },
  },
  { files: ['data/api.ts', 'data/auth.ts'], rules: { 'no-restricted-globals': 'off' } },
  { files: ['app/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'data/**/*.{ts,tsx}'], ignores: ['**/*.test.ts', '**/*.test.tsx'], rules: { 'no-restricted-properties': NO_ICU_FORMATS } },
  { files: ['app/**/*.{ts,tsx}', 'lib/**/*.{ts,tsx}'], rules: { 'no-restricted-syntax': ['error', ...QUERY_KEY_LITERALS] } },
  { files: ['app/**/route.ts'], rules: { 'no-restricted-syntax': ['error', ...QUERY_KEY_LITERALS, ...SCHEMAS_AT_MODULE_LOAD] } },
  {
    files: ['sim/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@/|(\\.\\./)+(lib|components|app|data|e2e)(/|$))',
              message: 'The gateway simulator stands alone: it imports nothing of the console. Code both need lives in common/.',
            },
          ],
        },
      ],
    },
  },
];

export default config;
