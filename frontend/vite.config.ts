import { cpSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// Excalidraw loads its fonts from window.EXCALIDRAW_ASSET_PATH (src/editor/Canvas.tsx): the build
// copies them under assets/ (their names carry a content hash, so they are cached for a year), so
// no font comes from another host. (The dev server has no copy and no Content-Security-Policy.)
const EXCALIDRAW_FONTS = fileURLToPath(new URL('./node_modules/@excalidraw/excalidraw/dist/prod/fonts', import.meta.url));

const PRELOAD = fileURLToPath(new URL('./src/editor/preload.ts', import.meta.url));
const START_EARLY = fileURLToPath(new URL('./src/editor/startEarly.ts', import.meta.url));

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

// Excalidraw shows its canvas only once its language is loaded, and loads even English, the only
// one we use, with a dynamic import: a request of its own after Excalidraw has rendered, on the
// way to the first drawing. The English texts are in Excalidraw's chunk already (its fallback
// language); the build imports that locale module statically so the dynamic import resolves at
// once. It fails if Excalidraw's code no longer has the import where expected.
const ENGLISH_IMPORT = /\(\)=>import\("(\.\/locales\/en-[A-Z0-9]+\.js)"\)/;

/** Rewrites `pattern` in Excalidraw's built code; the build fails unless it is found exactly once. */
function excalidrawEdit(what: string, pattern: RegExp, edit: (code: string, found: RegExpExecArray) => string): Plugin {
  let edited = 0;
  return {
    name: `autograph-excalidraw-${what.replaceAll(' ', '-')}`,
    apply: 'build',
    transform(code, id) {
      if (!id.includes('@excalidraw/excalidraw/dist/prod/')) return null;
      const found = pattern.exec(code);
      if (!found) return null;
      edited++;
      return { code: edit(code, found), map: null };
    },
    buildEnd() {
      if (edited !== 1) this.error(`expected to find Excalidraw's ${what} once, found it ${edited} times: a new version, look again`);
    },
  };
}

const excalidrawWithoutFontFallback = () => excalidrawEdit('font fallback', FONT_FALLBACK, (code) => code.replace(FONT_FALLBACK, ''));
const excalidrawEnglishInline = () =>
  excalidrawEdit('english import', ENGLISH_IMPORT, (code, found) => `import * as autographEnglish from ${JSON.stringify(found[1])};\n${code.replace(ENGLISH_IMPORT, '()=>Promise.resolve(autographEnglish)')}`);

// Opening /files/{id} starts the file's GET and the editor's chunks from src/editor/startEarly.ts
// (main.tsx's first import). Inside the entry chunk it would run only once the whole entry (React
// and the app, ~77 KB gzipped) has arrived and compiled; built as an entry of its own (5 KB gzipped)
// and loaded by an async module script, it runs as soon as it arrives, and the entry imports the
// same module (one instance, one start). The build fails if the early chunk pulls in the entry.
function startEarlyEntry(): Plugin {
  return {
    name: 'autograph-start-early',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const early = chunks.find((c) => c.isEntry && c.facadeModuleId === START_EARLY);
        if (!early) throw new Error('the build has no chunk for src/editor/startEarly.ts');
        const main = ctx.chunk?.fileName;
        const visit = (file: string, seen: Set<string>): Set<string> => {
          if (seen.has(file)) return seen;
          seen.add(file);
          for (const dep of chunks.find((c) => c.fileName === file)?.imports ?? []) visit(dep, seen);
          return seen;
        };
        const needs = visit(early.fileName, new Set());
        if (main && needs.has(main)) throw new Error(`${early.fileName} imports the entry ${main}: it would wait for it`);
        return [
          { tag: 'script', attrs: { type: 'module', async: true, crossorigin: true, src: `/${early.fileName}` }, injectTo: 'head' },
          ...[...needs].filter((f) => f !== early.fileName).map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

// The gateway serves dist/ at / (GATEWAY_APP_DIR): files under /assets/ carry a content hash in
// their names and are cached for a year; index.html is revalidated on every load.
export default defineConfig({
  plugins: [react(), excalidrawFonts(), excalidrawWithoutFontFallback(), excalidrawEnglishInline(), startEarlyEntry()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    // No inline <script> or module preload polyfill: the Content-Security-Policy allows
    // scripts from 'self' only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rolldownOptions: { input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), early: START_EARLY } },
  },
  server: {
    // npm exec vite: a dev server that sends /api to a running platform (./autograph up).
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
