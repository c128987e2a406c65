/** Percent-encodes a query component as RFC 3986 requires: `+`, `&`, `@`, `!'()*` included. */
export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
