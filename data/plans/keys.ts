/** Query keys of service plans. */
export const planKeys = {
  all: ['plans'] as const,
  job: (kind: string) => ['plans', 'job', kind] as const,
};
