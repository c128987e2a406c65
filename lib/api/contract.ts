import { z } from 'zod';

/**
 * What one API route takes and gives, as zod schemas: the route parses its input through them
 * and its answer too (an allowlist: a field not in the schema never leaves the server); the
 * browser's types are inferred from the same schemas (`AnswerOf`), imported as types only, so
 * the schemas stay on the server.
 */
export interface Endpoint {
  query?: z.ZodType;
  body?: z.ZodType;
  answer: z.ZodType;
  /** The route answers CSV text (a download) rather than JSON: `answer` describes nothing then. */
  csv?: true;
  /** The route answers a file's bytes (a download): `answer` describes nothing then. */
  download?: true;
}

/** A domain's endpoints, keyed by method and path pattern: `'GET /api/users/:id'`. */
export type Contract = Record<string, Endpoint>;

export type AnswerOf<E extends Endpoint> = z.output<E['answer']>;
export type BodyOf<E extends Endpoint> = E['body'] extends z.ZodType ? z.input<E['body']> : never;
export type QueryOf<E extends Endpoint> = E['query'] extends z.ZodType ? z.input<E['query']> : never;

/** A handler's answer does not fit its contract: a bug of the console's, never the caller's. */
export class ContractBroken extends Error {
  override name = 'ContractBroken';
}

/** The handler's data as its contract lets it out: unknown fields dropped, a wrong shape refused (500). */
export function answer<E extends Endpoint>(endpoint: E, data: z.input<E['answer']>): AnswerOf<E> {
  const parsed = endpoint.answer.safeParse(data);
  if (!parsed.success) throw new ContractBroken(parsed.error.issues.map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`).join('; '));
  return parsed.data as AnswerOf<E>;
}
