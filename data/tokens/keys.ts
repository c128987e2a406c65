/** Query keys of API tokens and billing bindings. */
export const tokenKeys = {
  all: ['tokens'] as const,
  binding: (userId: string) => ['tokens', 'binding', userId] as const,
};
