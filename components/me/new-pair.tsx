'use client';

import type { NewKeyPair } from '@/lib/users/contract';
import { Button } from '../ui/button';
import { Dialog, DialogClose } from '../ui/dialog';
import { KeyPairFields } from '../users/new-key-pair';

/** A key pair as AWS hands it out: a CSV of two columns. */
export const keyPairCsv = (pair: NewKeyPair) => `Access key ID,Secret access key\n${pair.accessKeyId},${pair.secretKey}\n`;

/** The customer's new key pair, shown once: copy it or download it as a CSV. */
export function NewPair({ pair, onClose, rotating }: { pair: NewKeyPair | null; onClose: () => void; rotating: boolean }) {
  const download = () => {
    if (!pair) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([keyPairCsv(pair)], { type: 'text/csv' }));
    link.download = `${pair.accessKeyId}_accessKeys.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };
  return (
    <Dialog open={pair !== null} onClose={onClose} title="Your new key pair">
      {pair && (
        <div className="space-y-3 text-sm" data-testid="new-key-pair">
          <p className="font-medium text-amber-900">Copy or download the secret now: it is never shown again, not even to your provider.</p>
          <KeyPairFields pair={pair} />
          <Button onClick={download}>Download .csv</Button>
          {rotating && <p>Next: put the new pair in your applications and clients. Once they all use it, come back and press “I have switched”.</p>}
        </div>
      )}
      <DialogClose onClose={onClose} />
    </Dialog>
  );
}
