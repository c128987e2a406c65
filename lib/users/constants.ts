/** The gateway allows at most this many active key pairs per user, and per account. */
export const MAX_KEY_PAIRS = 2;
