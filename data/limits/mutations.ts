'use client';

import type { Applied } from '@/lib/limits/contract';
import { api, encode } from '../api';
import { bucketKeys } from '../buckets/keys';
import { useApiMutation } from '../mutation';
import { userKeys } from '../users/keys';
import { settingsKeys } from './keys';

/** Whose limits and quota: a user's or a bucket's. Both show on the owner's page too (its plan's drift). */
export type LimitsOwner = { kind: 'user'; id: string } | { kind: 'bucket'; name: string };

const base = (o: LimitsOwner) => (o.kind === 'user' ? `/api/users/${encode(o.id)}` : `/api/buckets/${encode(o.name)}`);
const affected = (o: LimitsOwner) => (o.kind === 'user' ? [userKeys.detail(o.id)] : [bucketKeys.detail(o.name), userKeys.details()]);

export const useSetLimits = (owner: LimitsOwner) =>
  useApiMutation({
    mutationFn: (input: Record<string, number | string>) => api<Applied>(`${base(owner)}/limits`, { method: 'PUT', body: input }),
    invalidates: () => affected(owner),
    inlineFields: true,
  });

export const useRemoveLimits = (owner: LimitsOwner) =>
  useApiMutation({
    mutationFn: () => api(`${base(owner)}/limits`, { method: 'DELETE' }),
    invalidates: () => affected(owner),
    success: 'All limits removed.',
  });

export const useSetQuota = (owner: LimitsOwner) =>
  useApiMutation({
    mutationFn: (gb: number | string) => api(`${base(owner)}/quota`, { method: 'PUT', body: { gb } }),
    invalidates: () => affected(owner),
    success: 'Quota saved.',
    inlineFields: true,
  });

/** The defaults apply to every user and bucket without a quota of its own: every such view is stale. */
export const useSetDefaultQuotas = () =>
  useApiMutation({
    mutationFn: (input: Record<string, number | string>) => api('/api/settings/quotas', { method: 'PUT', body: input }),
    invalidates: () => [settingsKeys.all, userKeys.details(), bucketKeys.all],
    success: 'Default quotas saved.',
    inlineFields: true,
  });
