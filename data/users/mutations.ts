'use client';

import type { CreatedAccount, CreatedUser, NewKeyPair, NewKeys } from '@/lib/users/contract';
import { api, encode, search } from '../api';
import { useApiMutation } from '../mutation';
import { userKeys } from './keys';
import type { UserListParams } from './queries';

/** Every change to users, keys and accounts, each refreshing what it makes stale. */

const keysPath = (userId: string, account: string | null) => (account === null ? `/api/users/${encode(userId)}/keys` : `/api/users/${encode(userId)}/accounts/${encode(account)}/keys`);

export const useCreateUser = () =>
  useApiMutation({
    mutationFn: (input: { email: string; planId: string | null }) => api<CreatedUser>('/api/users', { method: 'POST', body: input }),
    invalidates: () => [userKeys.lists()],
    inlineFields: true,
  });

export const useSetUserState = (userId: string) =>
  useApiMutation({
    mutationFn: (state: 'enabled' | 'disabled') => api<{ state: string }>(`/api/users/${encode(userId)}/${state === 'enabled' ? 'enable' : 'disable'}`, { method: 'POST' }),
    invalidates: () => [userKeys.detail(userId), userKeys.lists()],
    success: (r) => `User ${r.state}.`,
  });

export const useDeleteUser = (userId: string) =>
  useApiMutation({
    mutationFn: () => api(`/api/users/${encode(userId)}`, { method: 'DELETE' }),
    invalidates: () => [userKeys.all],
    success: 'User deleted.',
    shownByCaller: true,
  });

export const useGenerateKey = (userId: string, account: string | null) =>
  useApiMutation({
    mutationFn: () => api<NewKeys>(keysPath(userId, account), { method: 'POST' }),
    invalidates: () => [userKeys.detail(userId)],
    success: 'Key pair generated.',
  });

export const useRevokeKey = (userId: string, account: string | null) =>
  useApiMutation({
    mutationFn: (keyId: string) => api(`${keysPath(userId, account)}/${encode(keyId)}`, { method: 'DELETE' }),
    invalidates: () => [userKeys.detail(userId)],
    success: 'Key pair revoked.',
  });

/** Revealing changes nothing but the audit log. */
export const useRevealKey = (userId: string) =>
  useApiMutation({
    mutationFn: (keyId: string) => api<NewKeyPair>(`/api/users/${encode(userId)}/keys/${encode(keyId)}/reveal`, { method: 'POST' }),
    invalidates: () => [],
  });

export const useCreateAccount = (userId: string) =>
  useApiMutation({
    mutationFn: (name: string) => api<CreatedAccount>(`/api/users/${encode(userId)}/accounts`, { method: 'POST', body: { name } }),
    invalidates: () => [userKeys.detail(userId)],
    success: (r) => `Account ${r.account.name} created.`,
    inlineFields: true,
  });

export const useDeleteAccount = (userId: string) =>
  useApiMutation({
    mutationFn: (name: string) => api(`/api/users/${encode(userId)}/accounts/${encode(name)}`, { method: 'DELETE' }),
    invalidates: () => [userKeys.detail(userId)],
    success: 'Account deleted.',
  });

/** A fresh users list straight from the gateway (the server's cached copy is bypassed). */
export const useRefreshUsers = () =>
  useApiMutation({
    mutationFn: (p: UserListParams) => api(`/api/users${search({ ...p, refresh: '1' })}`),
    invalidates: () => [userKeys.lists()],
  });
