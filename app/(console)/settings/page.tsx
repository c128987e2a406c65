import type { Metadata } from 'next';
import { SettingsPage } from '@/components/settings/settings-page';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Settings' };

export default async function Page() {
  await requirePage('settings.read');
  return <SettingsPage />;
}
