import { describe, expect, it } from 'vitest';
import { checkEnv } from './env';

const good = {
  GATEWAY_URL: 'http://127.0.0.1:9000',
  GATEWAY_ACCESS_KEY_ID: 'a14040e0b2ef8b28FZZ8',
  GATEWAY_SECRET_ACCESS_KEY: 'dbwTnQTW602aAAdq8DQVFzB6yrTCFTNiGB8C8RFA',
  NEXTAUTH_SECRET: 'a-long-random-session-secret',
  NEXTAUTH_URL: 'http://localhost:3000',
};

describe('checkEnv', () => {
  it('accepts a complete configuration and fills in defaults', () => {
    const checked = checkEnv(good);
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.env).toMatchObject({ GATEWAY_SIGNATURE: 'v4', GATEWAY_REGION: 'us-east-1', GATEWAY_TIMEOUT_MS: 10_000, CONSOLE_DATA_DIR: '.data/console' });
  });

  it('names every missing or bad value in words', () => {
    const checked = checkEnv({ GATEWAY_URL: 'ftp://x', GATEWAY_SIGNATURE: 'v3', GATEWAY_TIMEOUT_MS: 'soon', NEXTAUTH_SECRET: 'short', DATABASE_URL: 'mysql://db' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const text = checked.problems.join('\n');
    expect(text).toMatch(/GATEWAY_URL: GATEWAY_URL must be the gateway’s http\(s\) address/);
    expect(text).toMatch(/GATEWAY_ACCESS_KEY_ID: .*required/);
    expect(text).toMatch(/GATEWAY_SECRET_ACCESS_KEY: .*required/);
    expect(text).toMatch(/GATEWAY_SIGNATURE: .*"v4" or "v2"/);
    expect(text).toMatch(/GATEWAY_TIMEOUT_MS: .*milliseconds/);
    expect(text).toMatch(/NEXTAUTH_SECRET: .*at least 16/);
    expect(text).toMatch(/NEXTAUTH_URL: .*public address/);
    expect(text).toMatch(/DATABASE_URL: .*postgres:\/\//);
  });

  it('treats an empty value as missing', () => {
    const checked = checkEnv({ ...good, GATEWAY_SECRET_ACCESS_KEY: '' });
    expect(checked.ok).toBe(false);
  });
});

describe('the usage schedule settings', () => {
  it('default to 15 minutes and an hour; 0 turns one off; nonsense is named', () => {
    const checked = checkEnv(good);
    expect(checked.ok && [checked.env.USAGE_COLLECT_INTERVAL, checked.env.STORAGE_SAMPLE_INTERVAL]).toEqual([900, 3600]);
    const off = checkEnv({ ...good, USAGE_COLLECT_INTERVAL: '0', STORAGE_SAMPLE_INTERVAL: '60' });
    expect(off.ok && [off.env.USAGE_COLLECT_INTERVAL, off.env.STORAGE_SAMPLE_INTERVAL]).toEqual([0, 60]);
    const bad = checkEnv({ ...good, USAGE_COLLECT_INTERVAL: '5', STORAGE_SAMPLE_INTERVAL: 'hourly' });
    expect(bad.ok ? [] : bad.problems).toEqual([
      'USAGE_COLLECT_INTERVAL: USAGE_COLLECT_INTERVAL must be 0 (off) or between 10 seconds and 31 days',
      'STORAGE_SAMPLE_INTERVAL: STORAGE_SAMPLE_INTERVAL must be a number of seconds (0 turns it off)',
    ]);
  });
});
