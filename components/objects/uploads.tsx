'use client';

import { useQueryClient } from '@/data/cache/hooks';
import { useRef, useState } from 'react';
import { objectKeys } from '@/data/objects/keys';
import { userKeys } from '@/data/users/keys';
import { objectKeyProblem } from '@/lib/objects/names';

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
      // The upload code is loaded with the first upload, not with the page.
      import('@/data/objects/upload')
        .then(({ uploadFile }) =>
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
          ),
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
