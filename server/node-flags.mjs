/**
 * Node options the console's server runs with (`npm start`, the demo, the browser tests and the
 * benchmarks all start it with them; `npm run collect-usage`, which does the server's collecting
 * for cron, runs with them too):
 * - `--v8-pool-size=1`: one V8 background thread instead of four. The embedded database is a
 *   9 MB WebAssembly module whose optimised compilation runs on those threads, and every thread's
 *   memory allocator kept what its share of that work had used: 20–35 MB resident for good.
 * - `--max-semi-space-size=8`: a young generation of at most 2 × 8 MB instead of 2 × 16 MB; once
 *   grown it is never given back while the console is idle.
 * Measured together (npm run bench -- --only idle): idle memory with the embedded database
 * 270–300 → 238–247 MB, with no change to route timings beyond the machine's noise.
 * - `--expose-gc`: the server collects its garbage once idle after work (idle-collect.mjs).
 * - `--no-allocation-site-pretenuring`: V8 otherwise decides, from what survives the first young
 *   collections, to make some kinds of object in the old generation from then on. The objects of a
 *   parsed statistics object (the collector's readers keep a few while they store them) were picked,
 *   for good: every parse then filled the old generation with garbage, collected by full
 *   collections, 18 of them in a bare read of 10,000 objects against 2. Under the server's other
 *   options that read cost 9.1–9.7 s of CPU in 8 runs of 8 (half the runs without them), 4.3–4.8 s
 *   with this one in 8 of 8; collecting into PostgreSQL cost the collector 1.38–1.58 ms of CPU an
 *   object, 0.86–1.04 with it. The users and buckets pages' cold loads and memory did not move.
 */
export const SERVER_NODE_FLAGS = ['--v8-pool-size=1', '--max-semi-space-size=8', '--expose-gc', '--no-allocation-site-pretenuring'];
