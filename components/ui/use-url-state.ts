'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * The URL is the state of a list page: filters, search and page live in the query string. Values
 * that are empty or equal to their default are left out of the URL. Each change is a history
 * entry: Back returns to the previous filter, as it would on any web page.
 */
export function useUrlState(defaults: Record<string, string>) {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const get = (name: string) => params.get(name) ?? defaults[name] ?? '';
  const set = (change: Record<string, string>) => {
    // The address as it is now, not as it was when this render ran: a search box's delayed write
    // must not undo a sort chosen meanwhile.
    const current = new URLSearchParams(window.location.search);
    const next = new URLSearchParams(current);
    for (const [k, v] of Object.entries(change)) {
      if (v && v !== defaults[k]) next.set(k, v);
      else next.delete(k);
    }
    const href = `${path}${next.size ? `?${next}` : ''}`;
    if (next.toString() !== current.toString()) router.push(href, { scroll: false });
  };
  return { get, set };
}

/** A search box bound to a parameter (`q` unless told): typed freely, written to the URL (back to page 1) after a pause. */
export function useSearchBox(url: ReturnType<typeof useUrlState>, name = 'q') {
  const q = url.get(name);
  const [search, setSearch] = useState(q);
  useEffect(() => {
    const t = setTimeout(() => search !== q && url.set({ [name]: search, page: '' }), 250);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  return [search, setSearch] as const;
}
