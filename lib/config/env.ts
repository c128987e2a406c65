import 'server-only';
import { z } from 'zod';

/** Seconds between scheduled runs; 0 turns the schedule off. */
const interval = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number of seconds (0 turns it off)` })
    .int(`${name} must be a whole number of seconds`)
    .refine((n) => n === 0 || (n >= 10 && n <= 31 * 86400), `${name} must be 0 (off) or between 10 seconds and 31 days`)
    .default(fallback);

const schema = z.object({
  GATEWAY_URL: z.url({ protocol: /^https?$/, error: 'GATEWAY_URL must be the gateway’s http(s) address, e.g. http://127.0.0.1:9000' }),
  GATEWAY_ACCESS_KEY_ID: z.string({ error: 'GATEWAY_ACCESS_KEY_ID (the system user’s access key id) is required' }).min(1, 'GATEWAY_ACCESS_KEY_ID is empty'),
  GATEWAY_SECRET_ACCESS_KEY: z.string({ error: 'GATEWAY_SECRET_ACCESS_KEY (the system user’s secret key) is required' }).min(1, 'GATEWAY_SECRET_ACCESS_KEY is empty'),
  GATEWAY_SIGNATURE: z.enum(['v4', 'v2'], { error: 'GATEWAY_SIGNATURE must be "v4" or "v2"' }).default('v4'),
  GATEWAY_REGION: z.string().min(1).default('us-east-1'),
  /** The S3 address customers use, given to billing systems; the gateway's address when unset. */
  GATEWAY_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'GATEWAY_PUBLIC_URL must be the S3 address customers use, http(s)' }).optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'S3_ENDPOINT must be the S3 service’s http(s) address' }).optional(),
  GATEWAY_TIMEOUT_MS: z.coerce.number({ error: 'GATEWAY_TIMEOUT_MS must be a number of milliseconds' }).int().min(100).max(120_000).default(10_000),
  GATEWAY_DEADLINE_MS: z.coerce.number({ error: 'GATEWAY_DEADLINE_MS must be a number of milliseconds' }).int().min(500).max(600_000).default(12_000),
  /** A job whose instance shows no sign of life for this long is taken over by another instance. */
  JOB_HEARTBEAT_TIMEOUT: z.coerce.number({ error: 'JOB_HEARTBEAT_TIMEOUT must be a number of seconds' }).int().min(3).max(3600).default(30),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL').optional(),
  CONSOLE_DATA_DIR: z.string().min(1).default('.data/console'),
  USAGE_COLLECT_INTERVAL: interval('USAGE_COLLECT_INTERVAL', 900),
  STORAGE_SAMPLE_INTERVAL: interval('STORAGE_SAMPLE_INTERVAL', 3600),
  PLAN_RECONCILE_INTERVAL: interval('PLAN_RECONCILE_INTERVAL', 900),
  NEXTAUTH_SECRET: z.string({ error: 'NEXTAUTH_SECRET is required (a long random string)' }).min(16, 'NEXTAUTH_SECRET must be at least 16 characters'),
  NEXTAUTH_URL: z.url({ error: 'NEXTAUTH_URL must be the console’s public address, e.g. http://localhost:3000' }),
});

export type Env = z.infer<typeof schema>;

/** Every problem with the environment, one line each, in words an operator can act on. */
export function checkEnv(source: Record<string, string | undefined>): { ok: true; env: Env } | { ok: false; problems: string[] } {
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === '' ? undefined : v]));
  const result = schema.safeParse(cleaned);
  if (result.success) return { ok: true, env: result.data };
  return { ok: false, problems: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

let cached: Env | null = null;

export function env(): Env {
  if (cached) return cached;
  const checked = checkEnv(process.env);
  if (!checked.ok) {
    throw new Error(`The console’s configuration is incomplete:\n  ${checked.problems.join('\n  ')}`);
  }
  cached = checked.env;
  return cached;
}
