'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/client/api';
import { useToast } from '../ui/toast';
import { userKeys } from './keys';

/** A mutation on one user: refreshes every user view after, and says what happened in a toast. */
export function useUserAction<T = unknown>(userId: string, success: string | ((result: T) => string)) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ path, method, body }: { path: string; method: 'POST' | 'PUT' | 'DELETE'; body?: unknown }) => api<T>(path, { method, body }),
    onSuccess: (result) => toast('success', typeof success === 'function' ? success(result) : success),
    onError: (error) => toast('error', error.message),
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: userKeys.detail(userId) });
      queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    },
  });
}
