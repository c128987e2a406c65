'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * The URL is the state of a list page: filters, search and page live in the query string. Values
 * that are empty or equal to their default are left out of the URL.
 */
export function useUrlState(defaults: Record<string, string>) {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const get = (name: string) => params.get(name) ?? defaults[name] ?? '';
  const set = (change: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v && v !== defaults[k]) next.set(k, v);
      else next.delete(k);
    }
    router.replace(`${path}${next.size ? `?${next}` : ''}`);
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
