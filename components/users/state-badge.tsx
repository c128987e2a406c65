/** Whether a user's S3 requests are served. */
export function StateBadge({ state }: { state: 'enabled' | 'disabled' }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${state === 'enabled' ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700'}`}>
      {state === 'enabled' ? 'Enabled' : 'Disabled'}
    </span>
  );
}
