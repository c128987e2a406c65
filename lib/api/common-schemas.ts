import { z } from 'zod';

/** Pieces of answers that several domains share. */

/** A server-paged list's frame around its items. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pages: z.number().int(), pageSize: z.number().int(), fetchedAt: z.string() });

/** An exact integer of any size, as a decimal string. */
export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/);

export const isoTime = z.string();

export const deleted = <K extends string>(key: K) => z.object({ [key]: z.string() } as Record<K, z.ZodString>);
