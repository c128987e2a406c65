'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * The URL is the state of a list page: filters, search and page live in the query string. Values
 * that are empty or equal to their default are left out of the URL. Each change is a history
 * entry: Back returns to the previous filter, as it would on any web page.
 */
/**
 * The address most recently asked for: `router.push` changes the address only once its transition
 * is under way, so two changes close together (a search box's delayed write and a click on a sort)
 * would each start from the old address and the second would undo the first. Each change starts
 * from the one asked for before it; Back and Forward (popstate) forget it.
 */
let intended: { path: string; search: string } | null = null;
if (typeof window !== 'undefined') window.addEventListener('popstate', () => (intended = null));

export function useUrlState(defaults: Record<string, string>) {
  const params = useSearchParams();
  const router = useRouter();
  const path = usePathname();
  const seen = params.toString();
  useEffect(() => {
    if (intended && intended.path === path && intended.search === seen) intended = null;
  }, [path, seen]);
  const get = (name: string) => params.get(name) ?? defaults[name] ?? '';
  const set = (change: Record<string, string>) => {
    const current = new URLSearchParams(intended && intended.path === path ? intended.search : window.location.search);
    const next = new URLSearchParams(current);
    for (const [k, v] of Object.entries(change)) {
      if (v && v !== defaults[k]) next.set(k, v);
      else next.delete(k);
    }
    if (next.toString() === current.toString()) return;
    intended = { path, search: next.toString() };
    router.push(`${path}${next.size ? `?${next}` : ''}`, { scroll: false });
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
