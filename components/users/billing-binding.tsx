'use client';

import { useQuery } from '@/data/cache/hooks';
import { useUnbindService } from '@/data/tokens/mutations';
import { tokenQueries } from '@/data/tokens/queries';
import { formatWhen } from '@/lib/format';
import { usePermission } from '../current-user';
import { ConfirmButton } from '../ui/confirm';

/** Which billing system's service this user is, when one created or adopted it; admins can unbind. */
export function BillingBinding({ userId }: { userId: string }) {
  const binding = useQuery(tokenQueries.binding(userId));
  const unbind = useUnbindService(userId);
  const write = usePermission('services.write');
  const s = binding.data?.service;
  if (!s) return null;
  return (
    <div data-testid="billing-binding" className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      <p>
        Billing: service <code className="font-mono">{s.serviceId}</code>, {s.state}
        {s.suspendedReason ? ` (${s.suspendedReason})` : ''}; {s.adopted ? 'adopted' : 'created'} {formatWhen(s.createdAt)} by the API token “{s.tokenName}”.
      </p>
      {write.allowed && (
        <div className="mt-2">
          <ConfirmButton label="Unbind from billing" title={`Unbind this user from service ${s.serviceId}?`} confirmLabel="Unbind" variant="secondary" busy={unbind.isPending} onConfirm={() => unbind.mutateAsync().catch(() => undefined)}>
            The user, its keys and buckets stay as they are. The billing system’s calls for service {s.serviceId} answer “no such service” from then on.
          </ConfirmButton>
        </div>
      )}
    </div>
  );
}
