import { cpSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Excalidraw loads its fonts from window.EXCALIDRAW_ASSET_PATH (src/editor/Canvas.tsx): the build
// copies them under assets/ (their names carry a content hash, so they are cached for a year), so
// no font comes from another host. (The dev server has no copy and no Content-Security-Policy.)
const EXCALIDRAW_FONTS = fileURLToPath(new URL('./node_modules/@excalidraw/excalidraw/dist/prod/fonts', import.meta.url));

const PRELOAD = fileURLToPath(new URL('./src/editor/preload.ts', import.meta.url));

function excalidrawFonts(): Plugin {
  return {
    name: 'autograph-excalidraw-fonts',
    apply: 'build',
    writeBundle(options) {
      if (!options.dir) return;
      if (!existsSync(EXCALIDRAW_FONTS)) throw new Error(`Excalidraw's fonts are missing at ${EXCALIDRAW_FONTS}: run npm ci`);
      cpSync(EXCALIDRAW_FONTS, `${options.dir}/assets/excalidraw/fonts`, { recursive: true });
      // The editor preloads one of them by name (src/editor/preload.ts): a new Excalidraw may
      // have renamed it.
      const preloaded = /CANVAS_FONT = '\/(assets\/excalidraw\/fonts\/[^']+)'/.exec(readFileSync(PRELOAD, 'utf8'))?.[1];
      if (!preloaded || !existsSync(`${options.dir}/${preloaded}`)) throw new Error(`the font src/editor/preload.ts preloads (${preloaded}) is not among Excalidraw's fonts: look for it again`);
    },
  };
}

// Excalidraw lists a public CDN after our path as a second source of every font. The browser checks
// every source against the Content-Security-Policy up front and logs a violation for each (one
// console error per font file, hundreds with the CJK font), although it loads ours. The build drops
// that second source; it fails if Excalidraw's code no longer has it where expected (a new
// version: look again).
const FONT_FALLBACK = /(\w+)\.push\(new URL\(\w+,\w+\.ASSETS_FALLBACK_URL\)\),/;

function excalidrawWithoutFontFallback(): Plugin {
  let dropped = 0;
  return {
    name: 'autograph-excalidraw-no-font-fallback',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('@excalidraw/excalidraw/dist/prod/') || !code.includes('ASSETS_FALLBACK_URL')) return null;
      if (!FONT_FALLBACK.test(code)) return null;
      dropped++;
      return { code: code.replace(FONT_FALLBACK, ''), map: null };
    },
    buildEnd() {
      if (dropped !== 1) this.error(`expected to drop Excalidraw's font fallback once, dropped it ${dropped} times`);
    },
  };
}

// The gateway serves dist/ at / (GATEWAY_APP_DIR): files under /assets/ carry a content hash in
// their names and are cached for a year; index.html is revalidated on every load.
export default defineConfig({
  plugins: [react(), excalidrawFonts(), excalidrawWithoutFontFallback()],
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
