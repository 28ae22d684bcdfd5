// Loaded into the server by `node --import` (`bench:soak -- --memory`): every 2 s it appends one JSON line to the
// file named by OPSPLAN_MEMORY_PROBE with what the process's resident memory is made of. Plain JavaScript, so the
// built server loads it without tsx.
//
// - V8: each heap space's resident bytes (new, old, code, large objects, …) and V8's own malloc;
// - Node: `process.memoryUsage()` (external = buffers and other memory V8 objects hold outside the heap);
// - the kernel: /proc/self/smaps summed by kind of mapping. File-backed pages are the node binary and the shared
//   libraries; `[heap]` is glibc's main malloc arena; a 64 MB-aligned read-write mapping followed by its reserved
//   rest (64 MB in all) is a glibc thread arena (the libuv pool's threads: zlib off the event loop, file reads);
//   the other anonymous mappings are V8's pages and allocations too large for an arena (mmap'd one by one).
import { appendFileSync, readFileSync } from 'node:fs';
import v8 from 'node:v8';

const file = process.env.OPSPLAN_MEMORY_PROBE;
const ARENA_BYTES = 64 * 1024 * 1024;
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Resident bytes of /proc/self/smaps by kind. */
function smapsByKind() {
  const mappings = [];
  let current = null;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      current = {
        start: Number.parseInt(header[1], 16),
        end: Number.parseInt(header[2], 16),
        perms: header[3],
        name: header[4],
        rss: 0,
      };
      mappings.push(current);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) current.rss = Number(rss[1]) * 1024;
  }
  const kinds = { file: 0, mainArena: 0, threadArenas: 0, arenaCount: 0, stacks: 0, otherAnonymous: 0 };
  for (let index = 0; index < mappings.length; index += 1) {
    const mapping = mappings[index];
    const next = mappings[index + 1];
    if (mapping.name.startsWith('/')) kinds.file += mapping.rss;
    else if (mapping.name === '[heap]') kinds.mainArena += mapping.rss;
    else if (mapping.name.startsWith('[stack')) kinds.stacks += mapping.rss;
    else if (mapping.name.startsWith('[')) kinds.otherAnonymous += mapping.rss;
    else if (
      mapping.perms.startsWith('rw') &&
      mapping.start % ARENA_BYTES === 0 &&
      (mapping.end - mapping.start === ARENA_BYTES ||
        (next &&
          next.start === mapping.end &&
          next.perms.startsWith('---') &&
          next.end - mapping.start === ARENA_BYTES))
    ) {
      kinds.threadArenas += mapping.rss;
      kinds.arenaCount += 1;
    } else kinds.otherAnonymous += mapping.rss;
  }
  return kinds;
}

function sample() {
  const usage = process.memoryUsage();
  const heap = v8.getHeapStatistics();
  const spaces = Object.fromEntries(
    v8
      .getHeapSpaceStatistics()
      .map((space) => [space.space_name.replace(/_space$/, ''), mb(space.physical_space_size)]),
  );
  const kinds = smapsByKind();
  return {
    at: Date.now(),
    rss: mb(usage.rss),
    heapTotal: mb(usage.heapTotal),
    heapUsed: mb(usage.heapUsed),
    external: mb(usage.external),
    arrayBuffers: mb(usage.arrayBuffers),
    v8Physical: mb(heap.total_physical_size),
    v8Malloced: mb(heap.malloced_memory),
    spaces,
    smaps: Object.fromEntries(
      Object.entries(kinds).map(([kind, bytes]) => [kind, kind === 'arenaCount' ? bytes : mb(bytes)]),
    ),
  };
}

if (file) {
  setInterval(() => appendFileSync(file, `${JSON.stringify(sample())}\n`), 2_000).unref();
}
