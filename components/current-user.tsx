'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { can, whyNot, type Permission, type Role } from '@/lib/auth/permissions';

export interface ClientUser {
  name: string;
  role: Role;
}

const CurrentUser = createContext<ClientUser | null>(null);

export function CurrentUserProvider({ user, children }: { user: ClientUser; children: ReactNode }) {
  return <CurrentUser.Provider value={user}>{children}</CurrentUser.Provider>;
}

export function useCurrentUser(): ClientUser | null {
  return useContext(CurrentUser);
}

/** Whether the signed-in role may do something, and if not, why: from the same matrix the server uses. */
export function usePermission(permission: Permission): { allowed: boolean; why: string | null } {
  const user = useContext(CurrentUser);
  return { allowed: can(user?.role, permission), why: whyNot(user?.role, permission) };
}
