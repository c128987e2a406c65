'use client';

import type { CreatedAccount, CreatedUser, NewKeyPair, NewKeys } from '@/lib/users/contract';
import type { QueryKey } from '../cache/store';
import { api, encode, search } from '../api';
import { useApiMutation } from '../mutation';
import { userKeys } from './keys';
import type { UserListParams } from './queries';

/** Every change to users, keys and accounts, each refreshing what it makes stale. */

/** Whose key pairs and accounts a view manages: a user's, by staff, or the signed-in customer's own. */
export interface Subject {
  base: string;
  key: QueryKey;
}
export const userSubject = (userId: string): Subject => ({ base: `/api/users/${encode(userId)}`, key: userKeys.detail(userId) });
export const ME: Subject = { base: '/api/me', key: userKeys.me };

const keysPath = (subject: Subject, account: string | null) => (account === null ? `${subject.base}/keys` : `${subject.base}/accounts/${encode(account)}/keys`);

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

export const useGenerateKey = (subject: Subject, account: string | null) =>
  useApiMutation({
    mutationFn: () => api<NewKeys>(keysPath(subject, account), { method: 'POST' }),
    invalidates: () => [subject.key],
    success: 'Key pair generated.',
  });

export const useRevokeKey = (subject: Subject, account: string | null) =>
  useApiMutation({
    mutationFn: (keyId: string) => api<{ revoked: string; sessionEnded?: boolean }>(`${keysPath(subject, account)}/${encode(keyId)}`, { method: 'DELETE' }),
    invalidates: () => [subject.key],
    success: 'Key pair revoked.',
  });

/** Revealing changes nothing but the audit log. */
export const useRevealKey = (userId: string) =>
  useApiMutation({
    mutationFn: (keyId: string) => api<NewKeyPair>(`/api/users/${encode(userId)}/keys/${encode(keyId)}/reveal`, { method: 'POST' }),
    invalidates: () => [],
  });

export const useCreateAccount = (subject: Subject) =>
  useApiMutation({
    mutationFn: (name: string) => api<CreatedAccount>(`${subject.base}/accounts`, { method: 'POST', body: { name } }),
    invalidates: () => [subject.key],
    success: (r) => `Account ${r.account.name} created.`,
    inlineFields: true,
  });

export const useDeleteAccount = (subject: Subject) =>
  useApiMutation({
    mutationFn: (name: string) => api(`${subject.base}/accounts/${encode(name)}`, { method: 'DELETE' }),
    invalidates: () => [subject.key],
    success: 'Account deleted.',
  });

/** A fresh users list straight from the gateway (the server's cached copy is bypassed). */
export const useRefreshUsers = () =>
  useApiMutation({
    mutationFn: (p: UserListParams) => api(`/api/users${search({ ...p, refresh: '1' })}`),
    invalidates: () => [userKeys.lists()],
  });
