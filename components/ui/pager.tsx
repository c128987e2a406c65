import { Button } from './button';

/** Previous / next for a server-paged list. */
export function Pager({ page, pages, go }: { page: number; pages: number; go: (page: number) => void }) {
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
      <span className="text-slate-600">
        Page {page} of {pages}
      </span>
      <div className="flex gap-2">
        <Button disabled={page <= 1} onClick={() => go(page - 1)}>
          Previous
        </Button>
        <Button disabled={page >= pages} onClick={() => go(page + 1)}>
          Next
        </Button>
      </div>
    </nav>
  );
}
