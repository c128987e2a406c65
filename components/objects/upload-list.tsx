'use client';

import { formatBytes } from '@/lib/format';
import { Button } from '../ui/button';
import type { Upload } from './uploads';

const STATE_WORDS: Record<Upload['state'], string> = { uploading: 'Uploading', done: 'Uploaded', failed: 'Failed', cancelled: 'Cancelled' };

/** Each upload with its progress, a Cancel while it runs, and why it failed. */
export function UploadList({ uploads, clearFinished }: { uploads: Upload[]; clearFinished: () => void }) {
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
