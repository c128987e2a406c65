import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      'server-only': path.resolve(import.meta.dirname, 'lib/testing/server-only-stub.ts'),
      '@': import.meta.dirname,
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', 'test-results/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
