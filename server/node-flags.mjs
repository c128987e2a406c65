/**
 * Node options the console's server runs with (`npm start`, the demo, the browser tests and the
 * benchmarks all start it with them):
 * - `--v8-pool-size=1`: one V8 background thread instead of four. The embedded database is a
 *   9 MB WebAssembly module whose optimised compilation runs on those threads, and every thread's
 *   memory allocator kept what its share of that work had used: 20–35 MB resident for good.
 * - `--max-semi-space-size=8`: a young generation of at most 2 × 8 MB instead of 2 × 16 MB; once
 *   grown it is never given back while the console is idle.
 * Measured together (npm run bench -- --only idle): idle memory with the embedded database
 * 270–300 → 238–247 MB, with no change to route timings beyond the machine's noise.
 * - `--expose-gc`: the server collects its garbage once idle after work (idle-collect.mjs).
 */
export const SERVER_NODE_FLAGS = ['--v8-pool-size=1', '--max-semi-space-size=8', '--expose-gc'];
