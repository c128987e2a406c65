'use client';

import { useQuery } from '@/data/cache/hooks';
import { useState } from 'react';
import { downloadUrl, objectQueries } from '@/data/objects/queries';
import { useShareLink } from '@/data/objects/mutations';
import { formatBytes, formatNumber, formatWhen } from '@/lib/format';
import type { ShareLink } from '@/lib/objects/contract';
import { Button } from '../ui/button';
import { CopyButton } from '../ui/copy-button';
import { Dialog, DialogClose } from '../ui/dialog';
import { SelectField } from '../ui/field';
import { ErrorState, TableSkeleton } from '../ui/states';

const EXPIRIES = [
  [3600, '1 hour'],
  [6 * 3600, '6 hours'],
  [24 * 3600, '1 day'],
  [3 * 24 * 3600, '3 days'],
  [7 * 24 * 3600, '7 days'],
] as const;

/** A link anyone can download the object with until it expires: the expiry chosen, the link shown with a copy button. */
export function ShareForm({ base, objectKey }: { base: string; objectKey: string }) {
  const [seconds, setSeconds] = useState<number>(24 * 3600);
  const [link, setLink] = useState<ShareLink | null>(null);
  const share = useShareLink(base);
  return (
    <div className="space-y-3" data-testid="share">
      <div className="flex flex-wrap items-end gap-2">
        <SelectField label="Link works for" value={String(seconds)} onChange={(e) => setSeconds(Number(e.target.value))} className="w-40">
          {EXPIRIES.map(([s, label]) => (
            <option key={s} value={s}>
              {label}
            </option>
          ))}
        </SelectField>
        <Button variant="primary" disabled={share.isPending} onClick={() => share.mutate({ key: objectKey, expiresIn: seconds }, { onSuccess: setLink })}>
          {share.isPending ? 'Creating…' : 'Create share link'}
        </Button>
      </div>
      {link && (
        <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <p>Anyone with this link can download the object until {formatWhen(link.expiresAt)}. It cannot be withdrawn before then, except by revoking the key pair that signed it.</p>
          <div className="flex flex-wrap items-center gap-2">
            <code data-testid="share-url" className="min-w-0 flex-1 rounded bg-white px-2 py-1 font-mono text-xs break-all">
              {link.url}
            </code>
            <CopyButton value={link.url} label="Copy link" />
          </div>
        </div>
      )}
    </div>
  );
}

/** An object's details: size, ETag, type, dates, metadata; with a download and a share link. */
export function ObjectDetails({ base, objectKey, canShare, onClose }: { base: string; objectKey: string | null; canShare: boolean; onClose: () => void }) {
  return (
    <Dialog open={objectKey !== null} onClose={onClose} title="Object details">
      {objectKey !== null && <DetailBody base={base} objectKey={objectKey} canShare={canShare} />}
      <DialogClose onClose={onClose} />
    </Dialog>
  );
}

function DetailBody({ base, objectKey, canShare }: { base: string; objectKey: string; canShare: boolean }) {
  const detail = useQuery(objectQueries.detail(base, objectKey));
  if (detail.isPending) return <TableSkeleton rows={4} columns={2} />;
  if (detail.isError) return <ErrorState error={detail.error} retry={() => detail.refetch()} />;
  const d = detail.data;
  const rows: [string, string | null][] = [
    ['Name', d.key],
    ['Size', `${formatBytes(d.size)} (${formatNumber(d.size)} bytes)`],
    ['Type', d.contentType],
    ['Last modified', formatWhen(d.lastModified)],
    ['ETag', d.etag],
    ['Cache-Control', d.cacheControl],
    ['Content-Disposition', d.contentDisposition],
    ['Content-Encoding', d.contentEncoding],
    ...Object.entries(d.metadata).map(([k, v]): [string, string] => [`x-amz-meta-${k}`, v]),
  ];
  return (
    <div className="space-y-4 text-sm" data-testid="object-details">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
        {rows
          .filter(([, v]) => v !== null && v !== '')
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className="font-mono text-xs break-all">{value}</dd>
            </div>
          ))}
      </dl>
      <a href={downloadUrl(base, objectKey)} download className="inline-block rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50">
        Download
      </a>
      {canShare && <ShareForm base={base} objectKey={objectKey} />}
    </div>
  );
}
