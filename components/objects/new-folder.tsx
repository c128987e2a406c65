'use client';

import type { FormEvent } from 'react';
import { ApiClientError } from '@/data/api';
import { useCreateFolder } from '@/data/objects/mutations';
import { Button } from '../ui/button';
import { Dialog } from '../ui/dialog';
import { TextField } from '../ui/field';

/** A folder made inside the one shown (an empty object whose key ends in "/"). */
export function NewFolder({ base, prefix, open, onClose, onMade }: { base: string; prefix: string; open: boolean; onClose: () => void; onMade: (prefix: string) => void }) {
  const create = useCreateFolder(base);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    create.mutate(
      { prefix, name: String(new FormData(e.currentTarget).get('name') ?? '') },
      {
        onSuccess: (r) => {
          create.reset();
          onClose();
          onMade(r.prefix);
        },
      },
    );
  };
  const error = create.error instanceof ApiClientError ? (create.error.fields.name ?? create.error.message) : undefined;
  return (
    <Dialog
      open={open}
      onClose={() => {
        create.reset();
        onClose();
      }}
      title="New folder"
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField label="Folder name" name="name" required autoFocus error={error} hint={prefix ? `Made inside ${prefix}` : 'Made at the top of the bucket'} />
        <div className="flex justify-end gap-2">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create folder'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
