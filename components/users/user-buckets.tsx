import { Link } from '../ui/link';
import { formatBytes, formatWhen } from '@/lib/format';
import type { UserDetail } from '@/lib/users/contract';
import { DataTable, type Column } from '../ui/data-table';

type Row = UserDetail['buckets'][number];

/** A user's buckets; `link` leads to each bucket's page (staff only). */
export function UserBuckets({ buckets, link = false }: { buckets: Row[]; link?: boolean }) {
  const columns: Column<Row>[] = [
    {
      id: 'name',
      header: 'Bucket',
      sortable: true,
      sortValue: (b) => b.name,
      cell: (b) =>
        link ? (
          <Link href={`/buckets/${b.name}`} className="font-mono text-xs text-brand-700 hover:underline">
            {b.name}
          </Link>
        ) : (
          <span className="font-mono text-xs">{b.name}</span>
        ),
    },
    { id: 'size', header: 'Size', align: 'right', sortable: true, sortValue: (b) => BigInt(b.sizeBytes), cell: (b) => <span title={`${b.sizeBytes} bytes`}>{formatBytes(b.sizeBytes)}</span> },
    { id: 'hmax', header: 'Largest', align: 'right', cell: (b) => <span title={`${b.hmaxBytes} bytes`}>{formatBytes(b.hmaxBytes)}</span> },
    { id: 'created', header: 'Created', sortable: true, sortValue: (b) => b.createdAt, cell: (b) => formatWhen(b.createdAt) },
  ];
  return <DataTable compact columns={columns} rows={buckets} rowKey={(b) => `${b.name}/${b.epoch}`} empty={{ title: 'No buckets.' }} />;
}
