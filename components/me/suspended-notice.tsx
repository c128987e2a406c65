/** What a customer whose S3 user is disabled sees instead of their storage: why, and what to do. */
export function SuspendedNotice({ email }: { email: string }) {
  return (
    <section data-testid="suspended-notice" className="max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-sm text-amber-950">
      <h1 className="text-lg font-semibold">Your storage is suspended</h1>
      <p className="mt-2">
        The storage account <span className="font-medium">{email}</span> has been suspended by your provider, often for an unpaid invoice. While it is
        suspended, S3 requests with its keys are refused and nothing can be read or changed here.
      </p>
      <p className="mt-2">Your buckets and objects are kept. Contact your provider to restore access; once they do, this page shows your storage again.</p>
    </section>
  );
}
