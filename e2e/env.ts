/** Fixed addresses and keys of the end-to-end setup; the system secret is a canary searched for afterwards. */
export const E2E = {
  consolePort: 3100,
  simPort: 9100,
  consoleUrl: 'http://127.0.0.1:3100',
  simUrl: 'http://127.0.0.1:9100',
  systemKey: { id: 'e2e0e2e0e2e0e2e0SYS1', secret: 'CANARYsystemSecret0DoNotLeak0123456789ab' },
  nextauthSecret: 'e2e-nextauth-secret-CANARYauth-0123456789',
  admin: { email: 'admin@e2e.test', password: 'admin password for e2e' },
  support: { email: 'support@e2e.test', password: 'support password for e2e' },
  spare: { email: 'spare@e2e.test', password: 'spare password for e2e' },
  locked: { email: 'locked@e2e.test', password: 'locked password for e2e' },
  dataDir: 'test-results/e2e-data',
  serverLog: 'test-results/console-server.log',
};

export const consoleEnv = () => ({
  GATEWAY_URL: E2E.simUrl,
  GATEWAY_ACCESS_KEY_ID: E2E.systemKey.id,
  GATEWAY_SECRET_ACCESS_KEY: E2E.systemKey.secret,
  GATEWAY_TIMEOUT_MS: '3000',
  GATEWAY_DEADLINE_MS: '8000',
  NEXTAUTH_SECRET: E2E.nextauthSecret,
  NEXTAUTH_URL: E2E.consoleUrl,
  CONSOLE_DATA_DIR: `${E2E.dataDir}/console`,
  NEXT_TELEMETRY_DISABLED: '1',
  // Collection and sampling run when a test asks (collect now), never behind its back.
  USAGE_COLLECT_INTERVAL: '0',
  STORAGE_SAMPLE_INTERVAL: '0',
  PLAN_RECONCILE_INTERVAL: '0',
});
