'use client';

import { useRouter } from 'next/navigation';
import type { ComponentPropsWithRef, MouseEvent } from 'react';

/** A click the browser should handle itself: another button, a modifier (new tab, window, download), or a link not for this tab. */
function leftToBrowser(e: MouseEvent<HTMLAnchorElement>): boolean {
  const target = e.currentTarget.getAttribute('target');
  return e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || (target !== null && target !== '_self') || e.currentTarget.hasAttribute('download');
}

/**
 * A link between the console's pages: an ordinary `<a>` (opened in a new tab, copied, read by a
 * screen reader as any link), and a plain click moves within the console without reloading it.
 *
 * Not `next/link`: that one also prefetches every link as it scrolls into view. Every console page
 * is rendered per request, so a prefetch could only bring the frame around a page, not its data,
 * and a list of users sent 19–38 such requests to the server each time it was shown; `next/link`
 * also added 2.9 KiB (gzipped) to the first load of every page.
 */
export function Link({ href, onClick, ...props }: ComponentPropsWithRef<'a'> & { href: string }) {
  const router = useRouter();
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || leftToBrowser(e)) return;
    e.preventDefault();
    router.push(href);
  };
  return <a href={href} {...props} onClick={follow} />;
}
