'use client';

import { useQueryClient } from '../cache/hooks';
import type { JobRunView } from '@/lib/jobs/contract';
import type { PlanAssigned } from '@/lib/plans/contract';
import { api, encode } from '../api';
import { useApiMutation } from '../mutation';
import { userKeys } from '../users/keys';
import { planKeys } from './keys';

/** Changing a plan changes what every user on it should have: their pages show the drift. */
export const useSavePlan = (id: string | null) =>
  useApiMutation({
    mutationFn: (input: unknown) => api(id ? `/api/plans/${encode(id)}` : '/api/plans', { method: id ? 'PUT' : 'POST', body: input }),
    invalidates: () => [planKeys.all, userKeys.all],
    success: id ? 'Plan saved. Its users keep their current values until you re-apply it to them.' : 'Plan created.',
    inlineFields: true,
  });

export const useDeletePlan = () =>
  useApiMutation({
    mutationFn: (id: string) => api(`/api/plans/${encode(id)}`, { method: 'DELETE' }),
    invalidates: () => [planKeys.all, userKeys.lists()],
    success: 'Plan deleted.',
  });

export const useAssignPlan = (userId: string) =>
  useApiMutation({
    mutationFn: (planId: string) => api<PlanAssigned>(`/api/users/${encode(userId)}/plan`, { method: 'PUT', body: { planId } }),
    invalidates: () => [userKeys.detail(userId), userKeys.lists(), planKeys.all],
    success: (r) => (r.status === 'applied' ? `Plan ${r.plan.name} applied.` : `Plan ${r.plan.name} was applied only in part: see the steps below.`),
  });

export const useApplyPlan = (userId: string) =>
  useApiMutation({
    mutationFn: (resume: boolean) => api<PlanAssigned>(`/api/users/${encode(userId)}/plan/apply`, { method: 'POST', body: { resume } }),
    invalidates: () => [userKeys.detail(userId)],
    success: (r) => (r.status === 'applied' ? 'Plan applied; the gateway matches it.' : 'The plan is still not fully applied.'),
  });

/** Keeps a value for one setting of a user instead of its plan's (null: follow the plan again). */
export const useSetOverride = (userId: string) =>
  useApiMutation({
    mutationFn: (change: { key: string; value: number | null }) => api(`/api/users/${encode(userId)}/plan/overrides`, { method: 'PUT', body: change }),
    invalidates: () => [userKeys.detail(userId), userKeys.lists(), planKeys.all],
    success: (_, change) => (change.value === null ? 'This setting follows the plan again.' : 'Kept for this user: re-applying the plan leaves it as it is.'),
  });

/** Re-applies a plan to every user on it, as a job; its run is what the page follows. */
export function useReapplyPlan() {
  const client = useQueryClient();
  const mutation = useApiMutation({
    mutationFn: (planId: string) => api<{ users: number; job: JobRunView }>(`/api/plans/${encode(planId)}/reapply`, { method: 'POST' }),
    invalidates: () => [planKeys.all],
    success: (r) => `Re-applying to ${r.users} user${r.users === 1 ? '' : 's'}…`,
  });
  return { ...mutation, start: (planId: string) => mutation.mutate(planId, { onSuccess: (r) => client.setQueryData(planKeys.job('apply'), { job: r.job }) }) };
}

/** Checks every user on a plan now. */
export function useReconcilePlans() {
  const client = useQueryClient();
  const mutation = useApiMutation({
    mutationFn: () => api<{ job: JobRunView; started: boolean }>('/api/plans/jobs/reconcile', { method: 'POST' }),
    invalidates: () => [],
  });
  return { ...mutation, start: () => mutation.mutate(undefined, { onSuccess: (r) => client.setQueryData(planKeys.job('reconcile'), { job: r.job }) }) };
}
