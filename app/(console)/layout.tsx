import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { CurrentUserProvider } from '@/components/current-user';
import { SuspendedNotice } from '@/components/me/suspended-notice';
import { Shell } from '@/components/shell/shell';
import { currentUser } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  const client = { name: user.name, role: user.role };
  return (
    <CurrentUserProvider user={client}>
      <Shell user={client}>{user.role === 'customer' && user.suspended ? <SuspendedNotice email={user.name} /> : children}</Shell>
    </CurrentUserProvider>
  );
}
