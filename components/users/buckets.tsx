import Link from 'next/link';
import type { UserDetail } from '@/lib/users/views';
import { formatBytes } from './format';

/** A user's buckets; `link` leads to each bucket's page (staff only). */
export function Buckets({ buckets, link = false }: { buckets: UserDetail['buckets']; link?: boolean }) {
  if (buckets.length === 0) return <p className="text-sm text-slate-500">No buckets.</p>;
  return (
    <table className="w-full text-sm">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1 font-medium">Bucket</th>
          <th className="py-1 font-medium">Size</th>
          <th className="py-1 font-medium">Largest</th>
          <th className="py-1 font-medium">Created</th>
        </tr>
      </thead>
      <tbody>
        {buckets.map((b) => (
          <tr key={`${b.name}/${b.epoch}`} className="border-t border-slate-100">
            <td className="py-2 font-mono text-xs">
              {link ? (
                <Link href={`/buckets/${b.name}`} className="text-brand-700 hover:underline">
                  {b.name}
                </Link>
              ) : (
                b.name
              )}
            </td>
            <td className="py-2" title={`${b.sizeBytes} bytes`}>
              {formatBytes(b.sizeBytes)}
            </td>
            <td className="py-2" title={`${b.hmaxBytes} bytes`}>
              {formatBytes(b.hmaxBytes)}
            </td>
            <td className="py-2">{new Date(b.createdAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
