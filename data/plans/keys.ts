/** Query keys of service plans. */
export const planKeys = {
  all: ['plans'] as const,
};
