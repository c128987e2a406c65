import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The tests that guard the security-critical modules, for mutation testing (stryker.config.mjs):
 * fast ones only, on PostgreSQL server databases (ready in a tenth of an embedded one's time), so
 * that each mutant is judged in seconds.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    env: { TEST_DATABASE: 'server' },
    include: [
      'app/api/routes.test.ts',
      'app/api/security.test.ts',
      'app/api/handler.test.ts',
      'lib/auth/*.test.ts',
      'lib/gateway/signing.test.ts',
      'lib/gateway/client.test.ts',
      'sim/auth/*.test.ts',
      'lib/usage/periods.test.ts',
      'lib/usage/statistics-object.test.ts',
      'server/*.test.ts',
    ],
  },
});
