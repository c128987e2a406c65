/** Who may do what: one matrix drives the server's checks and what the UI offers. */

export type Role = 'admin' | 'support' | 'customer';

export const PERMISSIONS = {
  'users.read': ['admin', 'support'],
  'users.write': ['admin'],
  'keys.write': ['admin'],
  /** Seeing a secret key after creation. */
  'keys.reveal': ['admin'],
  'accounts.write': ['admin'],
  'limits.write': ['admin'],
  'quotas.write': ['admin'],
  'buckets.read': ['admin', 'support'],
  'buckets.write': ['admin'],
  'settings.read': ['admin', 'support'],
  'plans.read': ['admin', 'support'],
  'plans.write': ['admin'],
  'settings.write': ['admin'],
  'audit.read': ['admin', 'support'],
  'staff.read': ['admin'],
  'staff.write': ['admin'],
  'usage.read': ['admin', 'support'],
  /** Collect now, take a storage round, delete a statistics object by hand. */
  'usage.write': ['admin'],
  'self.read': ['customer'],
  /** A customer running their own storage: key pairs, accounts, buckets, objects. */
  'self.write': ['customer'],
  /** Another user's objects: names and sizes. */
  'objects.read': ['admin', 'support'],
  /** Another user's object contents: downloads (audited), details and share links. */
  'objects.content': ['admin'],
  'objects.write': ['admin'],
  /** API tokens for billing systems: they drive the whole lifecycle, so admins only, even to look. */
  'tokens.read': ['admin'],
  'tokens.write': ['admin'],
  /** A user's billing binding: seen by staff, removed by admins. */
  'services.read': ['admin', 'support'],
  'services.write': ['admin'],
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whose data a route serves: the signed-in customer's own (`self`), or any user's, for staff. */
export type Who = 'self' | 'staff';

export function can(role: Role | null | undefined, permission: Permission): boolean {
  const allowed: Role[] = PERMISSIONS[permission];
  return allowed.some((r) => r === role);
}

/** Why a role is refused something, in words. */
export const refusal = (role: Role | null | undefined): string => (role === 'support' ? 'Support accounts are read-only.' : 'Your account may not do this.');

/** Why a role may not do something, for the UI to say beside a disabled control. */
export function whyNot(role: Role | null | undefined, permission: Permission): string | null {
  return can(role, permission) ? null : refusal(role);
}
