'use client';

import { PART_BYTES } from '@/lib/objects/limits';
import { ApiClientError, api, encode, failureOf } from '../api';

/**
 * Uploads one file to a bucket through the console: in one request up to a part's size, else in
 * parts of 8 MiB (three in flight), each streamed by the console to the gateway. Progress is
 * reported as bytes sent; `signal` cancels, and a cancelled or failed upload in parts is aborted
 * on the gateway so that no part is left behind.
 */
export async function uploadFile(base: string, key: string, file: Blob, onProgress: (sent: number) => void, signal: AbortSignal): Promise<void> {
  if (file.size <= PART_BYTES) {
    await send(`${base}/object?key=${encode(key)}`, file, onProgress, signal);
    return;
  }
  const { uploadId } = await api<{ uploadId: string }>(`${base}/uploads`, { method: 'POST', body: { key, contentType: file.type || undefined } });
  const at = `${base}/uploads/${encode(uploadId)}`;
  try {
    const count = Math.ceil(file.size / PART_BYTES);
    const sent = new Array<number>(count).fill(0);
    const parts: { part: number; etag: string }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const index = next++;
        const slice = file.slice(index * PART_BYTES, Math.min(file.size, (index + 1) * PART_BYTES));
        const answer = await send(`${at}?key=${encode(key)}&part=${index + 1}`, slice, (n) => {
          sent[index] = n;
          onProgress(sent.reduce((a, b) => a + b, 0));
        }, signal);
        parts.push(answer as { part: number; etag: string });
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    parts.sort((a, b) => a.part - b.part);
    await api(at, { method: 'POST', body: { key, parts } });
  } catch (error) {
    await api(`${at}?key=${encode(key)}`, { method: 'DELETE' }).catch(() => undefined);
    throw error;
  }
}

/** One PUT of bytes with upload progress (fetch reports none), as the console's API answers it. */
function send(url: string, body: Blob, onProgress: (sent: number) => void, signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new ApiClientError(0, 'cancelled', 'Cancelled.'));
    const xhr = new XMLHttpRequest();
    const abort = () => xhr.abort();
    signal.addEventListener('abort', abort, { once: true });
    xhr.open('PUT', url);
    xhr.setRequestHeader('content-type', body.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      signal.removeEventListener('abort', abort);
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // Not the console's answer (a proxy's page): described by failureOf.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(body.size);
        resolve(json);
      } else {
        reject(failureOf(xhr.status, json, 'The upload failed'));
      }
    };
    xhr.onerror = () => reject(new ApiClientError(0, 'offline', 'The console could not be reached during the upload. Check your connection and try again.'));
    xhr.onabort = () => reject(new ApiClientError(0, 'cancelled', 'Cancelled.'));
    xhr.send(body);
  });
}
