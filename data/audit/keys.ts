/** Query keys of the audit log. */
export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: Record<string, string>) => ['audit', 'list', filters] as const,
};
