'use client';

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
    success: 'Staff account updated; its sessions have ended.',
  });
