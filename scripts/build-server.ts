// `npm run build:server`: bundles the server and the command line into dist/server/ (ES modules, npm packages
// left as imports). Production (`npm start`, the `opsplan` bin) runs this JavaScript; tsx only runs the sources
// in development and tests. Each command's heavy modules are dynamic imports, so they become chunks of their own
// and `opsplan --help` loads none of them.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'dist', 'server');

/**
 * npm packages stay imports (native modules, files read beside their code), except pure-JavaScript ones made of
 * hundreds of small modules, which cost more to resolve one by one at start-up than to load as part of a chunk.
 */
const INLINE = /^(chrono-node|kysely)(\/|$)/;

function externalPackages(): Plugin {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        INLINE.test(args.path) ? undefined : { path: args.path, external: true },
      );
    },
  };
}

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const started = Date.now();
const result = await build({
  absWorkingDir: root,
  // The document worker is an entry of its own: a thread starts it by file (src/server/documents/thread.ts).
  entryPoints: { main: 'src/cli/main.ts', 'documents-worker': 'src/server/documents/worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [externalPackages()],
  chunkNames: 'chunk-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
// Files the sources read beside themselves (`new URL('./x', import.meta.url)`) must sit beside the chunks.
copyFileSync(
  path.join(root, 'src/server/auth/common-passwords.txt'),
  path.join(outdir, 'common-passwords.txt'),
);
const files = Object.keys(result.metafile.outputs).filter((file) => file.endsWith('.js'));
console.log(`dist/server: ${files.length} files in ${Date.now() - started} ms`);
