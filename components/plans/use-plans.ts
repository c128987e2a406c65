'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/client/api';
import type { LimitsInput } from '@/lib/limits/schema';

export interface PlanView {
  id: string;
  name: string;
  userQuotaGb: number;
  bucketQuotaGb: number;
  limits: LimitsInput;
}

export const planKeys = { all: ['plans'] as const };

export function usePlans(enabled = true) {
  return useQuery({ queryKey: planKeys.all, queryFn: () => api<{ plans: PlanView[] }>('/api/plans'), enabled });
}
