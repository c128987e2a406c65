import { describe, expect, it } from 'vitest';
import { Store } from './store/store';
import { applySeed } from './seed';

describe('seeds', () => {
  it('fill an empty gateway with users and buckets, and skip a gateway that has tenants', () => {
    const store = new Store(null);
    expect(applySeed(store, 'users:250,buckets:1050', Date.now())).toBe('seeded 250 users and 1050 buckets');
    expect(store.maps.users.size).toBe(250 + 11);
    expect(store.maps.buckets.size).toBe(1050);
    expect(store.bucketsByOwner.size).toBe(11);
    expect(store.emailIndex.has('user-000250@example.com')).toBe(true);
    expect(applySeed(store, 'demo', Date.now())).toMatch(/skipped/);
    expect(() => applySeed(new Store(null), 'lots', Date.now())).toThrow(/Unknown seed/);
  });

  it('seeds a demo with disabled users, accounts, buckets, limits, quotas and statistics objects', () => {
    const store = new Store(null);
    applySeed(store, 'demo', Date.now());
    const users = [...store.maps.users.values()];
    expect(users.filter((u) => u.state === 'disabled').length).toBeGreaterThan(0);
    expect(users.some((u) => u.accounts.length > 0)).toBe(true);
    expect(store.maps.buckets.size).toBeGreaterThan(5);
    expect(store.maps.limits.size).toBeGreaterThan(0);
    expect(store.maps.quotas.size).toBeGreaterThan(0);
    expect(store.maps.usage.size).toBe(14);
  });
});
