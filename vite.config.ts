import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the web app only: the API comes from a running `opsplan serve` (port 3000 unless
// OPSPLAN_API_URL names another).
const api = process.env.OPSPLAN_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside every text file of the build from 1 KB
 * on, once at build time; the server sends them to browsers that accept them (@fastify/static `preCompressed`).
 */
function precompress(): Plugin {
  return {
    name: 'opsplan-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist/web';
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(?:js|css|html|svg|json|txt|map)$/.test(fileName) || fileName.endsWith('.map')) continue;
        const file = path.join(dir, fileName);
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * antd's form context (which every input, the drawer and the menu import for `NoFormStyle`) takes `FormProvider`
 * from the form engine's index, whose top-level statements (`RefForm.Field = Field`, …) keep the whole engine
 * (Field, List, useForm, async-validator: 41 KB) on the first screen although the shell has no form. The same
 * `FormProvider` comes from its own module here, so the engine loads with the first page that has a form.
 */
function formContextWithoutEngine(): Plugin {
  const from = "import { FormProvider as RcFormProvider } from '@rc-component/form';";
  const to = "import { FormProvider as RcFormProvider } from '@rc-component/form/es/FormContext';";
  return {
    name: 'opsplan-form-context-without-engine',
    apply: 'build',
    transform: {
      filter: { id: /[\\/]antd[\\/]es[\\/]form[\\/]context\.js$/ },
      handler(code) {
        // A newer antd that imports it differently fails the build here rather than bringing the engine back.
        if (!code.includes(from)) throw new Error(`antd/es/form/context.js no longer has: ${from}`);
        return { code: code.replace(from, to), map: null };
      },
    },
  };
}

export default defineConfig({
  root: 'src/web',
  plugins: [react(), formContextWithoutEngine(), precompress()],
  // csv-stringify's Node build reads `Buffer` at load time; the browser gets its own bundled build.
  resolve: { alias: [{ find: /^csv-stringify\/sync$/, replacement: 'csv-stringify/browser/esm/sync' }] },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything index.html needs before the first render in one file: split into ~20 files by which pages
          // share them, it was fetched anyway and compressed ~7 KB worse (gzip has no dictionary across files).
          // Only the modules the first screen runs: following their imports too would bring, e.g., the Collapse
          // that antd's colour presets import beside the `isBright` the Button's style takes from them.
          groups: [{ name: 'shell', tags: ['$initial'], includeDependenciesRecursively: false }],
        },
      },
    },
  },
  server: { proxy: { '/api': api, '/healthz': api } },
});
