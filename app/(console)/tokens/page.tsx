import type { Metadata } from 'next';
import { withData } from '@/app/prefetch';
import { TokensPage } from '@/components/tokens/tokens-page';
import { tokenQueries } from '@/data/tokens/queries';
import { requirePage } from '@/lib/auth/page';

export const metadata: Metadata = { title: 'API tokens' };

export default async function Page() {
  await requirePage('tokens.read');
  return withData([tokenQueries.list()], <TokensPage />);
}
