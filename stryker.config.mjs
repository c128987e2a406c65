/**
 * Mutation testing of the security-critical code: `npm run test:mutation` (scripts/mutation.ts
 * runs this and prints each module's score). Not part of `npm test`: it takes many minutes.
 */
export const MUTATED = [
  'lib/auth/permissions.ts',
  'lib/auth/throttle.ts',
  'lib/auth/callback-url.ts',
  'lib/auth/customer-access.ts',
  'lib/api/handler.ts',
  'lib/gateway/sign-v2.ts',
  'lib/gateway/sign-v4.ts',
  'sim/auth/sigv2.ts',
  'lib/usage/periods.ts',
  'lib/usage/statistics-object.ts',
];

const config = {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: process.env.MUTATE ? process.env.MUTATE.split(',') : MUTATED,
  coverageAnalysis: 'perTest',
  // The permission table and the signing constants are static: they are what matters most.
  ignoreStatic: false,
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['progress', 'json'],
  jsonReporter: { fileName: 'test-results/mutation/report.json' },
  tempDirName: 'test-results/stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 90, low: 80, break: null },
};

export default config;
