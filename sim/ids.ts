import crypto from 'node:crypto';

const UPPER_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export type Random = (n: number) => Buffer;

export const cryptoRandom: Random = (n) => crypto.randomBytes(n);

/** A deterministic byte source, so a seeded demo is the same on every machine. */
export function seededRandom(seed: string): Random {
  let counter = 0;
  return (n) => {
    const out = Buffer.alloc(n);
    for (let filled = 0; filled < n; ) {
      const block = crypto.createHash('sha256').update(`${seed}:${counter++}`).digest();
      filled += block.copy(out, filled);
    }
    return out;
  };
}

function pick(alphabet: string, length: number, random: Random): string {
  // Rejection sampling keeps every character equally likely.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/** A user id: 16 lowercase hex digits. */
export const newUserId = (random: Random = cryptoRandom) => random(8).toString('hex');
/** An access key id: the owner's user id plus four characters [0-9A-Z]. */
export const newAccessKeyId = (userId: string, random: Random = cryptoRandom) => userId + pick(UPPER_DIGITS, 4, random);
/** A secret key: 40 characters [A-Za-z0-9]. */
export const newSecret = (random: Random = cryptoRandom) => pick(ALNUM, 40, random);
export const newRequestId = () => crypto.randomBytes(8).toString('hex').toUpperCase();
