'use client';

import { keepPreviousData, useQuery } from '@/data/cache/hooks';
import { Link } from '../ui/link';
import { lazy, Suspense, useRef, useState, type DragEvent } from 'react';
import { useDeleteObjects } from '@/data/objects/mutations';
import { bucketBase, downloadUrl, objectQueries } from '@/data/objects/queries';
import { formatBytes, formatWhen } from '@/lib/format';
import type { ObjectList } from '@/lib/objects/contract';
import { usePermission } from '../current-user';
import { Button } from '../ui/button';
import { ConfirmButton } from '../ui/confirm';
import { DataTable, type Column } from '../ui/data-table';
import { CONTROL } from '../ui/field';
import { PageHeader, StaleNotice } from '../ui/states';
import { LoadedOnFirstUse } from '../ui/loaded-on-first-use';
import { useSearchBox, useUrlState } from '../ui/use-url-state';
import { useUploads } from './uploads';

// Shown only once asked for (an object's details, uploads under way, a new folder): loaded then, not with the page.
const ObjectDetails = lazy(() => import('./object-details').then((m) => ({ default: m.ObjectDetails })));
const UploadList = lazy(() => import('./upload-list').then((m) => ({ default: m.UploadList })));
const NewFolder = lazy(() => import('./new-folder').then((m) => ({ default: m.NewFolder })));

type Row = { kind: 'folder'; id: string; name: string; prefix: string } | { kind: 'object'; id: string; name: string; key: string; size: string; lastModified: string | null };

const rowsOf = (page: ObjectList | undefined): Row[] | undefined =>
  page && [
    ...page.folders.map((f): Row => ({ kind: 'folder', id: `f:${f.prefix}`, name: f.name, prefix: f.prefix })),
    ...page.objects.map((o): Row => ({ kind: 'object', id: `o:${o.key}`, name: o.name, key: o.key, size: o.size, lastModified: o.lastModified })),
  ];

/**
 * A bucket's objects, folder by folder: breadcrumbs, search by name, server pages (the gateway's
 * continuation tokens: a million objects page as fast as ten), uploads by button or drag and
 * drop, new folders, downloads, details and share links, and batch deletes. `as`: the bucket's
 * owner (a customer) or staff; what each may do comes from the permission matrix.
 */
export function ObjectBrowser({ bucket, as, back }: { bucket: string; as: 'self' | 'staff'; back: { href: string; label: string } }) {
  const base = bucketBase(bucket, as);
  const write = usePermission(as === 'self' ? 'self.write' : 'objects.write').allowed;
  const content = usePermission(as === 'self' ? 'self.read' : 'objects.content').allowed;
  const url = useUrlState({ prefix: '', search: '' });
  const prefix = url.get('prefix');
  const [search, setSearch] = useSearchBox(url, 'search');
  const searched = url.get('search');
  // The tokens of the pages seen so far in this folder and search: Previous goes back one.
  const [pages, setPages] = useState<{ at: string; tokens: string[] }>({ at: '', tokens: [''] });
  const here = `${prefix}\n${searched}`;
  const tokens = pages.at === here ? pages.tokens : [''];
  const token = tokens[tokens.length - 1];
  const list = useQuery({ ...objectQueries.at(base, url, token), placeholderData: keepPreviousData });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [details, setDetails] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [folderOpen, setFolderOpen] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { uploads, start, clearFinished } = useUploads(base);
  const remove = useDeleteObjects(base);
  const rows = rowsOf(list.data);

  const open = (next: string) => {
    setSelected(new Set());
    url.set({ prefix: next, search: '' });
    setSearch('');
  };
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  const chosen = (rows ?? []).filter((r) => selected.has(r.id));
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (write && e.dataTransfer.files.length > 0) start([...e.dataTransfer.files], prefix);
  };

  const columns: Column<Row>[] = [
    ...(write
      ? [
          {
            id: 'select',
            header: (
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={rows !== undefined && rows.length > 0 && rows.every((r) => selected.has(r.id))}
                onChange={(e) => setSelected(e.target.checked ? new Set((rows ?? []).map((r) => r.id)) : new Set())}
              />
            ),
            cell: (r: Row) => <input type="checkbox" aria-label={`Select ${r.name}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />,
            className: 'w-8',
          },
        ]
      : []),
    {
      id: 'name',
      header: 'Name',
      cell: (r) =>
        r.kind === 'folder' ? (
          <button type="button" onClick={() => open(r.prefix)} className="font-mono text-xs font-medium text-brand-700 hover:underline" data-testid="folder-link">
            <span aria-hidden="true">📁 </span>
            {r.name}
          </button>
        ) : content ? (
          <button type="button" onClick={() => setDetails(r.key)} className="text-left font-mono text-xs break-all text-slate-900 hover:underline" data-testid="object-link">
            {r.name}
          </button>
        ) : (
          <span className="font-mono text-xs break-all">{r.name}</span>
        ),
    },
    { id: 'size', header: 'Size', align: 'right', cell: (r) => (r.kind === 'object' ? <span title={`${r.size} bytes`}>{formatBytes(r.size)}</span> : '—') },
    { id: 'modified', header: 'Last modified', cell: (r) => (r.kind === 'object' ? formatWhen(r.lastModified) : '') },
    ...(content
      ? [
          {
            id: 'actions',
            header: <span className="sr-only">Actions</span>,
            align: 'right' as const,
            cell: (r: Row) =>
              r.kind === 'object' && (
                <a href={downloadUrl(base, r.key)} download className="text-sm font-medium text-brand-700 hover:underline" aria-label={`Download ${r.name}`}>
                  Download
                </a>
              ),
          },
        ]
      : []),
  ];

  const crumbs = prefix.split('/').filter(Boolean);
  return (
    <div
      className={`space-y-4 ${dragging ? 'rounded-lg outline-2 outline-dashed outline-brand-600' : ''}`}
      onDragOver={(e) => {
        if (!write) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={drop}
      data-testid="object-browser"
    >
      <PageHeader title={bucket}>
        <Link href={back.href} className="text-sm text-brand-700 hover:underline">
          {back.label}
        </Link>
      </PageHeader>
      <nav aria-label="Folder" className="flex flex-wrap items-center gap-1 text-sm" data-testid="breadcrumbs">
        <button type="button" onClick={() => open('')} className="font-medium text-brand-700 hover:underline">
          {bucket}
        </button>
        {crumbs.map((c, i) => (
          <span key={i} className="flex items-center gap-1">
            <span aria-hidden="true" className="text-slate-400">
              /
            </span>
            {i === crumbs.length - 1 ? (
              <span aria-current="page" className="font-medium break-all">
                {c}
              </span>
            ) : (
              <button type="button" onClick={() => open(`${crumbs.slice(0, i + 1).join('/')}/`)} className="text-brand-700 hover:underline break-all">
                {c}
              </button>
            )}
          </span>
        ))}
      </nav>
      <div className="flex flex-wrap items-center gap-2">
        <input type="search" aria-label="Find by name in this folder" placeholder="Names starting with…" value={search} onChange={(e) => setSearch(e.target.value)} className={`${CONTROL} w-full sm:w-64`} />
        <Button onClick={() => list.refetch()} disabled={list.isFetching}>
          {list.isFetching ? 'Refreshing…' : 'Refresh'}
        </Button>
        {write && (
          <>
            <Button variant="primary" onClick={() => fileInput.current?.click()}>
              Upload files
            </Button>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              data-testid="upload-input"
              onChange={(e) => {
                start([...(e.target.files ?? [])], prefix);
                e.target.value = '';
              }}
            />
            <Button onClick={() => setFolderOpen(true)}>New folder</Button>
            <ConfirmButton
              label={chosen.length ? `Delete ${chosen.length} selected` : 'Delete selected'}
              disabled={chosen.length === 0}
              busy={remove.isPending}
              title={`Delete ${chosen.length} item${chosen.length === 1 ? '' : 's'}?`}
              confirmLabel="Delete"
              testId="delete-selected"
              onConfirm={() =>
                remove
                  .mutateAsync({ keys: chosen.flatMap((r) => (r.kind === 'object' ? [r.key] : [])), prefixes: chosen.flatMap((r) => (r.kind === 'folder' ? [r.prefix] : [])) })
                  .then((r) => {
                    setSelected(new Set());
                    if (r.failed.length) throw new Error(`${r.failed.length} could not be deleted: ${r.failed.slice(0, 3).map((f) => `${f.key} (${f.message})`).join('; ')}`);
                  })
                  .catch(() => undefined)
              }
            >
              <ul className="max-h-40 list-disc overflow-auto pl-5 font-mono text-xs">
                {chosen.slice(0, 20).map((r) => (
                  <li key={r.id}>{r.name}</li>
                ))}
                {chosen.length > 20 && <li>… and {chosen.length - 20} more</li>}
              </ul>
              {chosen.some((r) => r.kind === 'folder') && <p className="mt-2 font-medium text-red-800">Everything inside the selected folders is deleted too.</p>}
              <p className="mt-2">This cannot be undone.</p>
            </ConfirmButton>
          </>
        )}
      </div>
      {write && <p className="text-xs text-slate-500">Drop files anywhere here to upload them to this folder.</p>}
      {uploads.length > 0 && (
        <Suspense>
          <UploadList uploads={uploads} clearFinished={clearFinished} />
        </Suspense>
      )}
      <StaleNotice query={list} />
      <DataTable
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        rowTestId={(r) => (r.kind === 'folder' ? 'folder-row' : 'object-row')}
        state={{ isPending: list.isPending, error: list.data ? null : list.error, retry: () => list.refetch() }}
        empty={
          searched
            ? { title: `Nothing here starts with “${searched}”.` }
            : { title: prefix ? 'This folder is empty.' : 'This bucket is empty.', hint: write ? 'Upload files with the button above, or drop them here.' : undefined }
        }
      />
      {(tokens.length > 1 || list.data?.nextToken) && (
        <div className="flex flex-wrap items-center justify-end gap-2 text-sm" data-testid="object-pager">
          <span className="text-slate-600">Page {tokens.length}</span>
          <Button disabled={tokens.length === 1} onClick={() => setPages({ at: here, tokens: tokens.slice(0, -1) })}>
            Previous page
          </Button>
          <Button disabled={!list.data?.nextToken || list.isPlaceholderData} onClick={() => list.data?.nextToken && setPages({ at: here, tokens: [...tokens, list.data.nextToken] })}>
            Next page
          </Button>
        </div>
      )}
      <LoadedOnFirstUse asked={details !== null}>
        <ObjectDetails base={base} objectKey={details} canShare={content} onClose={() => setDetails(null)} />
      </LoadedOnFirstUse>
      <LoadedOnFirstUse asked={folderOpen}>
        <NewFolder base={base} prefix={prefix} open={folderOpen} onClose={() => setFolderOpen(false)} onMade={open} />
      </LoadedOnFirstUse>
    </div>
  );
}
