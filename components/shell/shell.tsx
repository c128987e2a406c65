'use client';

import { Link } from '../ui/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { can, refusal, type Permission } from '@/lib/auth/permissions';
import { signOut } from '@/data/auth';
import type { ClientUser } from '../current-user';

const NAV: { href: string; label: string; permission: Permission }[] = [
  { href: '/users', label: 'Users', permission: 'users.read' },
  { href: '/buckets', label: 'Buckets', permission: 'buckets.read' },
  { href: '/usage', label: 'Usage', permission: 'usage.read' },
  { href: '/plans', label: 'Plans', permission: 'plans.read' },
  { href: '/audit', label: 'Audit log', permission: 'audit.read' },
  { href: '/staff', label: 'Staff', permission: 'staff.read' },
  { href: '/tokens', label: 'API tokens', permission: 'tokens.read' },
  { href: '/settings', label: 'Settings', permission: 'settings.read' },
  { href: '/me', label: 'My storage', permission: 'self.read' },
];

const ROLE_LABEL = { admin: 'Admin', support: 'Support (read-only)', customer: 'Customer' };

export function Shell({ user, children }: { user: ClientUser; children: ReactNode }) {
  const path = usePathname();
  const [open, setOpen] = useState(false);
  const [shownFor, setShownFor] = useState(path);
  // A link followed closes the menu: the page it leads to is what the person wanted to see.
  if (shownFor !== path) {
    setShownFor(path);
    setOpen(false);
  }
  useEffect(() => {
    if (!open) return;
    const close = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('keydown', close);
    return () => document.removeEventListener('keydown', close);
  }, [open]);
  const items = NAV.filter((n) => can(user.role, n.permission));
  const current = items.find((n) => path.startsWith(n.href));
  return (
    <div className="min-h-screen md:flex">
      <a href="#content" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-800 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2.5 md:hidden">
        <div className="min-w-0">
          <div className="text-sm font-semibold text-brand-700">staas-console</div>
          {current && (
            <div className="truncate text-xs text-slate-600" data-testid="current-page">
              {current.label}
            </div>
          )}
        </div>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="main-navigation"
          onClick={() => setOpen(!open)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          {open ? 'Close menu' : 'Menu'}
        </button>
      </header>
      <nav
        id="main-navigation"
        aria-label="Main"
        className={`${open ? 'flex' : 'hidden'} fixed inset-x-0 top-[3.4rem] bottom-0 z-20 flex-col overflow-y-auto border-r border-slate-200 bg-white md:static md:flex md:w-56 md:shrink-0`}
      >
        <div className="hidden px-5 py-4 text-base font-semibold text-brand-700 md:block">staas-console</div>
        <ul className="flex-1 space-y-0.5 px-2 py-2 md:py-0">
          {items.map((n) => (
            <li key={n.href}>
              <Link
                href={n.href}
                aria-current={current === n ? 'page' : undefined}
                className={`block rounded-md px-3 py-2 text-sm ${current === n ? 'bg-brand-50 font-medium text-brand-800' : 'text-slate-700 hover:bg-slate-100'}`}
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
          <button type="button" className="mt-2 text-sm text-brand-700 hover:underline" onClick={() => void signOut('/sign-in')}>
            Sign out
          </button>
        </div>
      </nav>
      <main id="content" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none sm:p-6 lg:p-8">
        {user.role === 'support' && (
          <p data-testid="read-only-notice" className="mb-4 rounded-md border border-slate-200 bg-slate-100 px-3 py-2 text-sm text-slate-700">
            {refusal('support')} You see everything; every control that would change something is disabled.
          </p>
        )}
        {children}
      </main>
    </div>
  );
}
