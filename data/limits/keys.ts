/** Query keys of the default quotas (a user's or a bucket's limits live in its detail). */
export const settingsKeys = {
  all: ['settings'] as const,
  quotas: ['settings', 'quotas'] as const,
};
