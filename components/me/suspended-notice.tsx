/** What a customer whose S3 user is disabled sees instead of their storage: why, and what to do. */
export function SuspendedNotice({ email }: { email: string }) {
  return (
    <section data-testid="suspended-notice" className="max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-sm text-amber-950">
      <h1 className="text-lg font-semibold">Your storage is suspended</h1>
      <p className="mt-2">
        The storage account <span className="font-medium">{email}</span> has been suspended by your provider, often for an unpaid invoice. While it is
        suspended, S3 requests with its keys are refused and nothing can be read or changed here.
      </p>
      <p className="mt-2 font-medium">What still holds while it is suspended:</p>
      <ul className="mt-1 list-disc pl-5">
        <li>your buckets and objects are kept, as they were;</li>
        <li>your key pairs and accounts are kept and work again, unchanged, once it is restored;</li>
        <li>share links you handed out are refused until then.</li>
      </ul>
      <p className="mt-2">Contact your provider to restore access; once they do, this page shows your storage again.</p>
    </section>
  );
}
