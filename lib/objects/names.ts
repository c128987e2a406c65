/**
 * S3's naming rules, checked before anything is sent: the same words in the browser (as the
 * customer types) and on the server (whatever a caller sends).
 */

/** Why a bucket name is not one S3 accepts, or null when it is. */
export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'A bucket name is 3 to 63 characters long.';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'Use only lower-case letters, digits, dots and hyphens.';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'A bucket name starts and ends with a letter or a digit.';
  if (/\.\.|\.-|-\./.test(name)) return 'Two dots, or a dot next to a hyphen, are not allowed in a row.';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'A bucket name may not look like an IP address.';
  if (name.startsWith('xn--') || name.startsWith('sthree-')) return 'A bucket name may not start with “xn--” or “sthree-”.';
  if (name.endsWith('-s3alias') || name.endsWith('--ol-s3')) return 'A bucket name may not end with “-s3alias” or “--ol-s3”.';
  return null;
}

/** The longest object key S3 takes, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Why an object key (or a folder's prefix) is not usable, or null when it is. */
export function objectKeyProblem(key: string): string | null {
  if (key.length === 0) return 'An object name cannot be empty.';
  if (utf8Length(key) > MAX_KEY_BYTES) return `An object’s full name (its folders included) is at most ${MAX_KEY_BYTES} bytes.`;
  // Control characters break listings and downloads in most clients; S3 itself only forbids none.
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'An object name cannot hold control characters (a line break, a tab).';
  return null;
}

/** Why a new folder's name is not usable: one path segment, no slash. */
export function folderNameProblem(name: string): string | null {
  if (name.trim() === '') return 'Enter a folder name.';
  if (name.includes('/')) return 'A folder name cannot hold “/”: create the folders one level at a time.';
  if (name === '.' || name === '..') return 'A folder cannot be named “.” or “..”.';
  return objectKeyProblem(name);
}

/** The last part of a key: what a download is saved as. */
export const baseName = (key: string): string => key.replace(/\/+$/, '').split('/').pop() || key;

/** Content-Disposition for a download saved as `name`, readable by every browser (RFC 6266 with an ASCII fallback). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
