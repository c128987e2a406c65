'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOut } from 'next-auth/react';
import type { ReactNode } from 'react';
import { can, type Permission } from '@/lib/auth/permissions';
import type { ClientUser } from '../current-user';

const NAV: { href: string; label: string; permission: Permission }[] = [
  { href: '/users', label: 'Users', permission: 'users.read' },
  { href: '/buckets', label: 'Buckets', permission: 'buckets.read' },
  { href: '/usage', label: 'Usage', permission: 'usage.read' },
  { href: '/plans', label: 'Plans', permission: 'plans.read' },
  { href: '/audit', label: 'Audit log', permission: 'audit.read' },
  { href: '/staff', label: 'Staff', permission: 'staff.read' },
  { href: '/settings', label: 'Settings', permission: 'settings.read' },
  { href: '/me', label: 'My storage', permission: 'self.read' },
];

const ROLE_LABEL = { admin: 'Admin', support: 'Support (read-only)', customer: 'Customer' };

export function Shell({ user, children }: { user: ClientUser; children: ReactNode }) {
  const path = usePathname();
  return (
    <div className="flex min-h-screen">
      <nav aria-label="Main" className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="px-5 py-4 text-base font-semibold text-brand-700">staas-console</div>
        <ul className="flex-1 space-y-0.5 px-2">
          {NAV.filter((n) => can(user.role, n.permission)).map((n) => (
            <li key={n.href}>
              <Link
                href={n.href}
                aria-current={path.startsWith(n.href) ? 'page' : undefined}
                className={`block rounded-md px-3 py-2 text-sm ${path.startsWith(n.href) ? 'bg-brand-50 font-medium text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`}
              >
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="border-t border-slate-200 p-4 text-sm">
          <div className="truncate font-medium" data-testid="signed-in-as">
            {user.name}
          </div>
          <div className="text-xs text-slate-500">{ROLE_LABEL[user.role]}</div>
          <button type="button" className="mt-2 text-sm text-brand-700 hover:underline" onClick={() => signOut({ callbackUrl: '/sign-in' })}>
            Sign out
          </button>
        </div>
      </nav>
      <main className="min-w-0 flex-1 p-8">{children}</main>
    </div>
  );
}
