'use client';

import { useMutation, useQueryClient } from './cache/hooks';
import type { QueryKey } from './cache/store';
import { useToast } from '@/components/ui/toast';
import { ApiClientError } from './api';
import { auditKeys } from './audit/keys';

interface Options<V, R> {
  mutationFn: (variables: V) => Promise<R>;
  /** Every view the change may have made stale: refreshed when it is done, whether it worked or not. */
  invalidates: (variables: V, result: R | undefined) => QueryKey[];
  /** Said when it worked. */
  success?: string | ((result: R, variables: V) => string | null);
  /** Field errors shown beside their fields by the form: then they are not toasted as well. */
  inlineFields?: boolean;
  /** Every failure is shown by the caller (a confirmation dialog that stays open with the reason): nothing is toasted. */
  shownByCaller?: boolean;
}

/**
 * The one way to change something: calls the route, refreshes every view the change affects
 * (and the audit log, which every change writes to), and says in words how it went — failures by
 * default, once: a form's field errors beside its fields, anything else as a toast.
 */
export function useApiMutation<V = void, R = unknown>({ mutationFn, invalidates, success, inlineFields = false, shownByCaller = false }: Options<V, R>) {
  const client = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn,
    onSuccess: (result, variables) => {
      const text = typeof success === 'function' ? success(result, variables) : success;
      if (text) toast('success', text);
    },
    onError: (error) => {
      if (shownByCaller) return;
      if (inlineFields && error instanceof ApiClientError && Object.keys(error.fields).length > 0) return;
      toast('error', error.message);
    },
    onSettled: (result, _error, variables) =>
      Promise.all([...invalidates(variables, result), auditKeys.all].map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}
