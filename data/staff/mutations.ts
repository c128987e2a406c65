'use client';

import type { StaffMember } from '@/lib/staff/contract';
import { api, encode } from '../api';
import { useApiMutation } from '../mutation';
import { staffKeys } from './keys';

export const useCreateStaff = () =>
  useApiMutation({
    mutationFn: (input: Record<string, string>) => api('/api/staff', { method: 'POST', body: input }),
    invalidates: () => [staffKeys.all],
    success: 'Staff account created.',
    inlineFields: true,
  });

export const useUpdateStaff = () =>
  useApiMutation({
    mutationFn: ({ id, change }: { id: string; change: { disabled?: boolean; role?: 'admin' | 'support' } }) => api(`/api/staff/${encode(id)}`, { method: 'PATCH', body: change }),
    invalidates: () => [staffKeys.all],
    success: (_, v) => (v.change.role ? `Role changed to ${v.change.role}; their sessions have ended.` : v.change.disabled ? 'Account disabled; its sessions have ended.' : 'Account enabled.'),
  });

/** A new password for an account, returned once to be handed over; its sessions end. */
export const useResetPassword = () =>
  useApiMutation({
    mutationFn: (id: string) => api<{ staff: StaffMember; password: string }>(`/api/staff/${encode(id)}/password`, { method: 'POST' }),
    invalidates: () => [staffKeys.all],
  });
