'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { objectKeys } from '@/data/objects/keys';
import { uploadFile } from '@/data/objects/upload';
import { userKeys } from '@/data/users/keys';
import { formatBytes } from '@/lib/format';
import { objectKeyProblem } from '@/lib/objects/names';
import { Button } from '../ui/button';

export interface Upload {
  id: number;
  name: string;
  key: string;
  size: number;
  sent: number;
  state: 'uploading' | 'done' | 'failed' | 'cancelled';
  error?: string;
  controller: AbortController;
}

let nextId = 1;

/** The uploads of one browser tab into a bucket: started, followed, cancelled; the listing refreshes as each ends. */
export function useUploads(base: string) {
  const client = useQueryClient();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (id: number, change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.id === id ? { ...u, ...change } : u)));
  // Progress events come many times a second: the list is redrawn at most every 100 ms per upload.
  const lastDrawn = useRef(new Map<number, number>());

  const start = (files: File[], prefix: string) => {
    for (const file of files) {
      const key = prefix + file.name;
      const controller = new AbortController();
      const upload: Upload = { id: nextId++, name: file.name, key, size: file.size, sent: 0, state: 'uploading', controller };
      const problem = objectKeyProblem(key);
      if (problem) {
        setUploads((all) => [...all, { ...upload, state: 'failed', error: problem }]);
        continue;
      }
      setUploads((all) => [...all, upload]);
      uploadFile(
        base,
        key,
        file,
        (sent) => {
          const now = performance.now();
          if (now - (lastDrawn.current.get(upload.id) ?? 0) < 100 && sent < file.size) return;
          lastDrawn.current.set(upload.id, now);
          update(upload.id, { sent });
        },
        controller.signal,
      )
        .then(() => update(upload.id, { state: 'done', sent: file.size }))
        .catch((error: Error) => update(upload.id, controller.signal.aborted ? { state: 'cancelled' } : { state: 'failed', error: error.message }))
        .finally(() => {
          void client.invalidateQueries({ queryKey: objectKeys.bucket(base) });
          void client.invalidateQueries({ queryKey: userKeys.me });
        });
    }
  };
  const clearFinished = () => setUploads((all) => all.filter((u) => u.state === 'uploading'));
  return { uploads, start, clearFinished };
}

const STATE_WORDS: Record<Upload['state'], string> = { uploading: 'Uploading', done: 'Uploaded', failed: 'Failed', cancelled: 'Cancelled' };

/** Each upload with its progress, a Cancel while it runs, and why it failed. */
export function UploadList({ uploads, clearFinished }: { uploads: Upload[]; clearFinished: () => void }) {
  if (uploads.length === 0) return null;
  const running = uploads.filter((u) => u.state === 'uploading').length;
  return (
    <section aria-label="Uploads" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="uploads">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">{running > 0 ? `Uploading ${running} file${running === 1 ? '' : 's'}…` : 'Uploads finished'}</h2>
        {running < uploads.length && (
          <Button variant="ghost" onClick={clearFinished}>
            Clear finished
          </Button>
        )}
      </div>
      <ul className="space-y-2">
        {uploads.map((u) => {
          const percent = u.size === 0 ? 100 : Math.min(100, Math.floor((u.sent / u.size) * 100));
          return (
            <li key={u.id} data-testid="upload-row" data-state={u.state} className="text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="min-w-0 flex-1 truncate font-mono text-xs" title={u.key}>
                  {u.name}
                </span>
                <span className="text-xs text-slate-600">
                  {STATE_WORDS[u.state]}
                  {u.state === 'uploading' && ` ${percent}% of ${formatBytes(String(u.size))}`}
                  {u.state === 'done' && ` · ${formatBytes(String(u.size))}`}
                </span>
                {u.state === 'uploading' && (
                  <Button variant="ghost" onClick={() => u.controller.abort()} aria-label={`Cancel the upload of ${u.name}`}>
                    Cancel
                  </Button>
                )}
              </div>
              {u.state === 'uploading' && (
                <div role="progressbar" aria-label={`${u.name} uploaded`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="mt-1 h-1.5 overflow-hidden rounded bg-slate-100">
                  <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
                </div>
              )}
              {u.state === 'failed' && <p className="mt-1 text-xs text-red-700">{u.error}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
