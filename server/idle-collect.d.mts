import type { EventEmitter } from 'node:events';

export function collectWhenIdle(
  server: EventEmitter,
  options?: { gc?: (() => void) | null; idleMs?: number; minGrowth?: number; checkEveryMs?: number; heapUsed?: () => number; now?: () => number },
): (() => void) | null;
