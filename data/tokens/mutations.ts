'use client';

import type { TokenView } from '@/lib/api-tokens/contract';
import { api, encode } from '../api';
import { useApiMutation } from '../mutation';
import { tokenKeys } from './keys';

export interface NewTokenInput {
  name: string;
  scopes: string[];
  expiresAt: string | null;
  allowedCidrs: string[];
}

/** The token comes back once, to be shown and copied. */
export const useCreateToken = () =>
  useApiMutation({
    mutationFn: (input: NewTokenInput) => api<{ token: string; view: TokenView }>('/api/tokens', { method: 'POST', body: input }),
    invalidates: () => [tokenKeys.all],
    inlineFields: true,
  });

export const useRevokeToken = () =>
  useApiMutation({
    mutationFn: (id: string) => api<{ view: TokenView }>(`/api/tokens/${encode(id)}`, { method: 'DELETE' }),
    invalidates: () => [tokenKeys.all],
    success: (r) => `API token “${r.view.name}” revoked: its next call is refused.`,
  });

export const useUnbindService = (userId: string) =>
  useApiMutation({
    mutationFn: () => api<{ unbound: string }>(`/api/users/${encode(userId)}/service`, { method: 'DELETE' }),
    invalidates: () => [tokenKeys.binding(userId)],
    success: (r) => `Unbound from service ${r.unbound}. The user is unchanged.`,
  });
