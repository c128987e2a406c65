import 'server-only';
import { DrizzleQueryError } from 'drizzle-orm/errors';

/** What a stored note of a failure may hold at most (a job's result, a user's plan step, a purge). */
const LIMIT = 500;

/**
 * A failure in words fit for a person and for storing: a failed database statement by the
 * database's own words. The query builder's message holds the statement and all its parameters,
 * hundreds of kilobytes for a batch of usage items or bucket samples, and the collector kept one
 * for every object of a failed group (up to 50 in a job's result, polled by the jobs view).
 */
export function errorWords(error: unknown): string {
  let words: string;
  if (error instanceof DrizzleQueryError) {
    const cause = error.cause instanceof Error ? error.cause.message : null;
    words = cause ? `the database refused a statement: ${cause}` : 'the database refused a statement';
  } else {
    words = error instanceof Error ? error.message : String(error);
  }
  return words.length > LIMIT ? `${words.slice(0, LIMIT - 1)}…` : words;
}
