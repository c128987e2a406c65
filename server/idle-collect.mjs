import v8 from 'node:v8';

/**
 * One full garbage collection once the console has been idle a while after work. V8 collects the
 * old generation when it reaches a limit set from the heap's size after the previous collection,
 * and Node gives V8 no idle time to do it sooner: a console that served a burst of pages, then
 * sat idle, kept the burst's garbage (objects that outlived two young-generation collections) and
 * its young generation grown to its largest, for good. After 1,100 pages of a 100,000-user list,
 * the heap held 153 MB, of which 76 were live.
 *
 * The collection stops the thread for tens of milliseconds. It is made when no request is under
 * way and none has come for `idleMs`, once after requests were served (a burst whose garbage V8
 * already collected still leaves its young generation grown), or without requests once the heap
 * has grown by `minGrowth` bytes (work of the console's own: jobs, lists read in the background).
 * Without `gc` (Node started without --expose-gc) nothing is done.
 *
 * `server`: an http.Server (or anything that emits `request` with a response that emits `close`).
 * Returns a function that stops it, or null when there is no `gc` to call.
 */
export function collectWhenIdle(server, options = {}) {
  const {
    gc = typeof globalThis.gc === 'function' ? compactingCollection : undefined,
    idleMs = 10_000,
    minGrowth = 16 * 2 ** 20,
    checkEveryMs = 2_000,
    heapUsed = () => v8.getHeapStatistics().used_heap_size,
    now = () => performance.now(),
  } = options;
  if (typeof gc !== 'function') return null;
  let underWay = 0;
  let lastActivity = now();
  let afterCollection = heapUsed();
  let served = false;
  const onRequest = (_req, res) => {
    underWay += 1;
    served = true;
    lastActivity = now();
    res.once('close', () => {
      underWay -= 1;
      lastActivity = now();
    });
  };
  server.on('request', onRequest);
  const timer = setInterval(() => {
    if (underWay > 0 || now() - lastActivity < idleMs) return;
    const used = heapUsed();
    // V8's own collections lower the mark too: growth is counted from the lowest heap seen.
    if (used < afterCollection) afterCollection = used;
    if (!served && used - afterCollection < minGrowth) return;
    gc();
    served = false;
    afterCollection = heapUsed();
  }, checkEveryMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('request', onRequest);
  };
}

/**
 * A full collection that also moves what survives off sparsely used pages, so that they go back
 * to the system at once. A plain one leaves the pages a burst spread its survivors over: after
 * 1,100 pages of a 100,000-user list, the heap kept 139 MB of pages for 73 MB of objects, until
 * V8's own memory reducer moved them 16 s later. (The flag is read by the collection as it runs;
 * Node keeps V8's flags writable for v8.setFlagsFromString.)
 */
function compactingCollection() {
  v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    globalThis.gc();
  } finally {
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
}

