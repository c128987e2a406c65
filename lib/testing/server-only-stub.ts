// `server-only` throws outside a Next.js server build; tests load modules directly.
export {};
