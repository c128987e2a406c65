'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A panel that switches between showing a value and a form to edit it. Back from the form (saved
 * or cancelled), the keyboard is where it was: on the panel's Edit button — focused once the button
 * is on screen again, whenever React gets there.
 */
export function useEditToggle() {
  const [editing, setEditing] = useState(false);
  const refocus = useRef(false);
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (editing || !refocus.current) return;
    refocus.current = false;
    editButton.current?.focus();
  }, [editing]);
  return {
    editing,
    editButton,
    open: () => setEditing(true),
    done: () => {
      refocus.current = true;
      setEditing(false);
    },
  };
}
