import { useState } from 'react';

/**
 * True from the first time `open` is true on. A dialog loaded on first use is rendered from then
 * on, so that closing it is the native dialog closing (focus goes back where it was), not the
 * dialog being taken out of the page.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}
