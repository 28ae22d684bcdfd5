#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node
// The line above sets what glibc reads only at start (BENCHMARKS.md, "Server memory under load"): it gives each
// thread that allocates a malloc arena of its own and keeps what it frees; libuv's pool threads (scrypt takes 16 MB
// per sign-in, zlib compresses large bodies) held 56 MB resident with under 10 KB in use. With two arenas they
// share one. `node bin/opsplan.js` (tests) runs with glibc's default.
// The `opsplan` command. Runs the build (dist/server/main.js, made by `npm run build`); without a build, or with
// OPSPLAN_FROM_SOURCE=1 (development, tests), runs the TypeScript sources through tsx instead.
import { existsSync } from 'node:fs';

const built = new URL('../dist/server/main.js', import.meta.url);
const fromSource = process.env.OPSPLAN_FROM_SOURCE === '1' || !existsSync(built);
if (fromSource && process.env.OPSPLAN_FROM_SOURCE !== '1') {
  process.stderr.write(
    'opsplan: no build in dist/server, running the TypeScript sources through tsx (slower to start; `npm run build` builds it).\n',
  );
}
// A reader that stops early (`opsplan --help | grep -q serve`, `| head`) closes the pipe: what it read was said, so
// the command ends as it would have, not with an EPIPE stack trace (and a failed pipeline under `set -o pipefail`).
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
let entry = built.href;
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/cli/main.ts', import.meta.url).href;
}
const { runCli } = await import(entry);
process.exitCode = await runCli(process.argv);
