'use client';

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
    success: id ? 'Plan saved. Users on it show drift until it is re-applied.' : 'Plan created.',
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
