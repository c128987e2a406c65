import fs from 'node:fs';

/**
 * A lock held by one process at a time: a file naming its process id, created atomically. A file
 * left by a process that has ended (or by this one) is taken over. Returns the release, which
 * removes the file only while it still names this process. `inUse` words the refusal.
 */
export function holdPidFile(file: string, inUse: (holder: number) => string): () => void {
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(file, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) throw new Error(inUse(holder));
      fs.rmSync(file, { force: true });
    }
  }
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
