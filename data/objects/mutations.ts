'use client';

import type { DeleteResult, ShareLink } from '@/lib/objects/contract';
import { api, encode } from '../api';
import { useApiMutation } from '../mutation';
import { userKeys } from '../users/keys';
import { objectKeys } from './keys';

/** Changes to buckets and objects: each refreshes the listings (and the overview's sizes) it affects. */

export const useCreateBucket = () =>
  useApiMutation({
    mutationFn: (name: string) => api<{ name: string }>('/api/me/buckets', { method: 'POST', body: { name } }),
    invalidates: () => [userKeys.me],
    success: (r) => `Bucket ${r.name} created.`,
    inlineFields: true,
  });

export const useDeleteBucket = () =>
  useApiMutation({
    mutationFn: (name: string) => api(`/api/me/buckets/${encode(name)}`, { method: 'DELETE', body: { confirm: name } }),
    invalidates: (name) => [userKeys.me, objectKeys.bucket(`/api/me/buckets/${encode(name)}`)],
    success: (_, name) => `Bucket ${name} deleted.`,
    shownByCaller: true,
  });

/** Deletes objects and whole folders, calling again while the server says a folder has more. */
export const useDeleteObjects = (base: string) =>
  useApiMutation({
    mutationFn: async (input: { keys: string[]; prefixes: string[] }) => {
      let total: DeleteResult = { deleted: 0, failed: [], more: true };
      let body = input;
      while (total.more) {
        const round = await api<DeleteResult>(`${base}/objects/delete`, { method: 'POST', body });
        total = { deleted: total.deleted + round.deleted, failed: [...total.failed, ...round.failed], more: round.more && round.failed.length === 0 };
        body = { keys: [], prefixes: input.prefixes };
      }
      return total;
    },
    invalidates: () => [objectKeys.bucket(base), userKeys.me],
    success: (r) => (r.failed.length ? null : `${r.deleted} object${r.deleted === 1 ? '' : 's'} deleted.`),
  });

export const useCreateFolder = (base: string) =>
  useApiMutation({
    mutationFn: (input: { prefix: string; name: string }) => api<{ prefix: string }>(`${base}/folders`, { method: 'POST', body: input }),
    invalidates: () => [objectKeys.bucket(base)],
    success: (r) => `Folder ${r.prefix} created.`,
    inlineFields: true,
  });

/** A share link changes nothing but the audit log. */
export const useShareLink = (base: string) =>
  useApiMutation({
    mutationFn: (input: { key: string; expiresIn: number }) => api<ShareLink>(`${base}/share`, { method: 'POST', body: input }),
    invalidates: () => [],
  });
