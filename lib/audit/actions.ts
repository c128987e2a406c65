/**
 * Every action the audit log records, in one list: the server writes only these (the type says
 * so) and the audit page's filter offers exactly these.
 */
export const AUDIT_ACTIONS = [
  'auth.sign-in',
  'auth.sign-out',
  'auth.locked-out',
  'request.cross-site',
  'user.create',
  'user.delete',
  'user.enable',
  'user.disable',
  'key.generate',
  'key.revoke',
  'key.reveal',
  'account.create',
  'account.delete',
  'account.key.generate',
  'account.key.revoke',
  'staff.create',
  'staff.update',
  'staff.password',
  'limits.set',
  'limits.remove',
  'quota.set',
  'quota.defaults',
  'bucket.create',
  'bucket.delete',
  'object.upload',
  'object.delete',
  'object.folder',
  'object.share',
  'object.download',
  'plan.create',
  'plan.update',
  'plan.delete',
  'plan.assign',
  'plan.apply',
  'plan.override',
  'plan.reconcile',
  'usage.run',
  'usage.statistics.delete',
  'usage.statistics.retry',
  'token.create',
  'token.revoke',
  'service.create',
  'service.suspend',
  'service.unsuspend',
  'service.plan',
  'service.keys',
  'service.terminate',
  'service.purge',
  'service.sso',
  'service.unbind',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Groups the audit filter offers besides single actions: `auth.*` is every sign-in event. */
export const AUDIT_GROUPS = { 'auth.*': 'Sign-in events (all)' } as const;

export const isAuditFilter = (value: string): boolean => (AUDIT_ACTIONS as readonly string[]).includes(value) || Object.hasOwn(AUDIT_GROUPS, value);
