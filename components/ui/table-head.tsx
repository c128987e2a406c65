/** The header row of a plain list table: the columns' names, small and upper-case. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="bg-slate-50 text-left text-xs tracking-wide text-slate-500 uppercase">
      <tr>
        {columns.map((h, i) => (
          <th key={`${i}:${h}`} className="px-3 py-2 font-medium">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
