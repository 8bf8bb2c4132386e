// The web app (web/) builds to web/dist, which the server serves at / with an SPA fallback
// (src/app.ts). `npx vite` runs a dev server that forwards /api to a server on :8080.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'web',
  plugins: [react()],
  // manifest: scripts/web-build.mjs reads dist/.vite/manifest.json for the service worker's precache list.
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200, manifest: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
