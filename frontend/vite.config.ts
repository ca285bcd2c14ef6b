import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves dist/ at / (GATEWAY_APP_DIR): files under /assets/ carry a content hash in
// their names and are cached for a year; index.html is revalidated on every load.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // No inline <script> or module preload polyfill: the Content-Security-Policy allows
    // scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    // npm exec vite: a dev server that sends /api to a running platform (./autograph up).
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
