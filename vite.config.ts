import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the web app only: the API comes from a running `opsplan serve` (port 3000 unless
// OPSPLAN_API_URL names another).
const api = process.env.OPSPLAN_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': api, '/healthz': api } },
});
