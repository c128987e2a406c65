/** Query keys of staff accounts. */
export const staffKeys = {
  all: ['staff'] as const,
};
