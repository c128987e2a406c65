import { defineConfig } from '@playwright/test';
import { E2E } from './e2e/env';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E.consoleUrl,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'console', testMatch: /\.spec\.ts/, testIgnore: /lockout\.spec\.ts|leaks\.spec\.ts/, dependencies: ['setup'] },
    // Locking sign-ins out and reading the logs come last: nothing may sign in after them.
    { name: 'lockout', testMatch: /lockout\.spec\.ts/, dependencies: ['console'] },
    { name: 'leaks', testMatch: /leaks\.spec\.ts/, dependencies: ['lockout'] },
  ],
  webServer: {
    command: 'npx tsx e2e/serve.ts',
    url: `${E2E.consoleUrl}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
