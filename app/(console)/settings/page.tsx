import type { Metadata } from 'next';
import { withData } from '@/app/prefetch';
import { SettingsPage } from '@/components/settings/settings-page';
import { settingsQueries } from '@/data/limits/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'Settings' };

export default async function Page() {
  await requirePage('settings.read');
  return withData([settingsQueries.quotas()], <SettingsPage />);
}
