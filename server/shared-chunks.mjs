/**
 * Turbopack writes the server's code as chunks per group of routes, and writes a chunk the
 * groups have in common once per group: the same bytes under another name (in one build, the
 * chunk of the console's core — sessions, the database, the gateway client — ten times over, and
 * Next's route runtime eight times: 89 extra files). Node loads each name as a new file, so a
 * console that has served many routes held every copy's source and code (9.3 MB of source alone
 * once all are loaded).
 *
 * A chunk's file is a list of module factories, and Turbopack's runtime installs only those it
 * does not have yet (all of them, for a copy). So a copy is answered with what its first file
 * gave: the same list, which the runtime reads and finds installed already.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

/** The comment naming a file's source map: the only bytes in which two copies differ. */
const SOURCE_MAP_COMMENT = /\n\/\/# sourceMappingURL=\S+\s*$/;

/**
 * From now on, a chunk under `chunksDir` (or a folder in it) whose bytes were loaded before is
 * answered with that first load's exports instead of being loaded again. Returns the undoing.
 */
export function shareIdenticalChunks(chunksDir) {
  const within = path.resolve(chunksDir) + path.sep;
  const loadJs = Module._extensions?.['.js'];
  // A Node without CommonJS's loader table (documented as deprecated; Node 20 has it)
  // loads every copy, as before.
  if (typeof loadJs !== 'function') return () => {};
  /** The module first loaded with each content, by its digest. */
  const byContent = new Map();
  Module._extensions['.js'] = function loadChunkOnce(module, filename) {
    if (!filename.startsWith(within)) return loadJs(module, filename);
    const text = fs.readFileSync(filename, 'utf8').replace(SOURCE_MAP_COMMENT, '');
    const digest = createHash('sha256').update(text).digest('base64');
    const first = byContent.get(digest);
    if (first) {
      module.exports = first.exports;
      return;
    }
    loadJs(module, filename);
    // Only a load that succeeded is shared: a copy of a chunk that failed fails as it did.
    byContent.set(digest, module);
  };
  return () => {
    Module._extensions['.js'] = loadJs;
  };
}
