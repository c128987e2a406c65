import type { IncomingHttpHeaders } from 'node:http';
import { invalidArgument } from './errors';

/** One query element as sent: `name` or `name=value`, raw and decoded. */
export interface QueryParam {
  raw: string;
  name: string;
  value: string | null;
}

/** What the handlers see of an HTTP request, its body fully read. */
export interface SimRequest {
  id: string;
  method: string;
  /** The path as sent, still percent-encoded. */
  rawPath: string;
  /** The decoded path. */
  path: string;
  rawQuery: string;
  query: QueryParam[];
  headers: IncomingHttpHeaders;
  /** Header name (lower case) → every value sent, in order. */
  headerLists: Map<string, string[]>;
  body: Buffer;
}

/** Decodes a URL component strictly: `+` stays a plus sign, a bad escape is an error. */
export function decodeComponent(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalidArgument(`Malformed ${what}: bad percent-encoding in "${text.slice(0, 100)}"`);
  }
}

export function parseQuery(rawQuery: string): QueryParam[] {
  if (rawQuery === '') return [];
  return rawQuery.split('&').map((raw) => {
    if (raw === '') throw invalidArgument('Malformed query string: empty parameter');
    const eq = raw.indexOf('=');
    const name = decodeComponent(eq < 0 ? raw : raw.slice(0, eq), 'query string');
    const value = eq < 0 ? null : decodeComponent(raw.slice(eq + 1), 'query string');
    if (name === '') throw invalidArgument('Malformed query string: parameter without a name');
    return { raw, name, value };
  });
}

export function headerLists(rawHeaders: string[]): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const list = lists.get(name);
    if (list) list.push(rawHeaders[i + 1]);
    else lists.set(name, [rawHeaders[i + 1]]);
  }
  return lists;
}

export function header(req: SimRequest, name: string): string | undefined {
  return req.headerLists.get(name)?.join(',');
}
