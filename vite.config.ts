import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the web app only: the API comes from a running `opsplan serve` (port 3000 unless
// OPSPLAN_API_URL names another).
const api = process.env.OPSPLAN_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  // csv-stringify's Node build reads `Buffer` at load time; the browser gets its own bundled build.
  resolve: { alias: [{ find: /^csv-stringify\/sync$/, replacement: 'csv-stringify/browser/esm/sync' }] },
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': api, '/healthz': api } },
});
