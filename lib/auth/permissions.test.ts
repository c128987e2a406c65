import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, refusal, whyNot } from './permissions';

describe('the permission matrix', () => {
  it('lets a role do what its permission lists, and nobody without a role anything', () => {
    expect(can('admin', 'staff.write')).toBe(true);
    expect(can('support', 'users.read')).toBe(true);
    expect(can('support', 'users.write')).toBe(false);
    expect(can('customer', 'self.read')).toBe(true);
    expect(can('admin', 'self.read')).toBe(false);
    expect(can(null, 'users.read')).toBe(false);
    expect(can(undefined, 'self.read')).toBe(false);
  });

  it('says why in words, and nothing when allowed', () => {
    expect(whyNot('admin', 'users.write')).toBeNull();
    expect(whyNot('support', 'users.write')).toBe('Support accounts are read-only.');
    expect(whyNot('customer', 'users.read')).toBe('Your account may not do this.');
    expect(whyNot(null, 'users.read')).toBe('Your account may not do this.');
    expect(refusal('support')).toBe('Support accounts are read-only.');
    expect(refusal('admin')).toBe('Your account may not do this.');
  });

  it('never gives support a change or a secret, nor a customer anything of staff', () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      if (!permission.endsWith('.read')) expect(roles, permission).not.toContain('support');
      // A customer's permissions are about their own storage only, and nobody else holds those.
      if (!permission.startsWith('self.')) expect(roles, permission).not.toContain('customer');
      else expect(roles, permission).toEqual(['customer']);
    }
    // Object contents (downloads, details, share links) are a secret of the customer's: never support's.
    expect(PERMISSIONS['objects.content']).toEqual(['admin']);
    expect(PERMISSIONS['objects.read']).toContain('support');
  });
});
