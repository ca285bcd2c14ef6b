// bench/frontend's measurements in headless Chromium against a running platform:
//  - time to an interactive dashboard with 100 files: from navigation to the grid drawn with the
//    first page of cards and the main thread idle, cold cache (a new browser context per run),
//    signed in beforehand (tokens put in storage before the page loads);
//  - the peer, measured the same way in the same run: a blank page of the same origin that makes
//    the dashboard's API calls (who am I, the file list, the folder tree) and nothing else, the
//    floor any client of this API pays; the ratio is what the app adds on top;
//  - JavaScript shipped for the dashboard: the bytes on the wire (gzip) of every script it loads,
//    against the 300 KB goal, with the framework alone (react + react-dom, gzipped) as the peer.
//
//   AUTOGRAPH_URL (default http://127.0.0.1:8080), RUNS (default 7), FILES (default 100)
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { apiAt, median } from './bench-support.mjs';

const BASE = process.env.AUTOGRAPH_URL || 'http://127.0.0.1:8080';
const RUNS = Number(process.env.RUNS || 7);
const FILES = Number(process.env.FILES || 100);

const api = apiAt(BASE);

/** React and react-dom rendering nothing, bundled by the same Vite build settings: the floor. */
async function frameworkAlone() {
  const { build } = await import('vite');
  const dir = mkdtempSync(join(tmpdir(), 'bench-frontend-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="./main.js"></script>');
  writeFileSync(join(dir, 'main.js'), "import { createRoot } from 'react-dom/client';\nimport { createElement } from 'react';\ncreateRoot(document.getElementById('root')).render(createElement('p', null, 'hello'));\n");
  const output = await build({ root: dir, logLevel: 'silent', configFile: false, resolve: { alias: { react: new URL('../node_modules/react', import.meta.url).pathname, 'react-dom': new URL('../node_modules/react-dom', import.meta.url).pathname } }, build: { outDir: join(dir, 'dist'), write: false } });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((o) => o.type === 'chunk');
  rmSync(dir, { recursive: true, force: true });
  return chunks.reduce((sum, chunk) => sum + gzipSync(chunk.code).length, 0);
}


// A fresh account with FILES files of a few shapes each.
const email = `bench-frontend-${Date.now()}@example.com`;
const password = 'a long bench password 1';
await api('/api/auth/register', { method: 'POST', body: { email, password, full_name: 'Bench' } });
const login = () => api('/api/auth/login', { method: 'POST', body: { email, password } });
const seed = await login();
for (let i = 0; i < FILES; i++) {
  const shapes = [0, 1, 2].map((n) => ({ id: `s${n}`, type: 'rectangle', x: n * 200, y: 0, width: 160, height: 60, rotation: 0, text: `Box ${i}-${n}`, style: {} }));
  await api('/api/diagrams', { method: 'POST', token: seed.access_token, body: { title: `Bench diagram ${i}`, type: 'canvas', canvas_data: { schema_version: 1, shapes } } });
}

const browser = await launch();

async function measure(kind) {
  const tokens = await login();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((stored) => localStorage.setItem('autograph.session', stored), JSON.stringify({
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expires_at: Date.now() + tokens.expires_in * 1000,
  }));
  const page = await context.newPage();
  let scriptBytes = 0;
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') {
      scriptBytes += Number((await response.allHeaders())['content-length'] ?? 0);
    }
  });
  let ms;
  if (kind === 'app') {
    await page.goto(`${BASE}/`, { waitUntil: 'commit' });
    await page.locator('.grid .card').first().waitFor({ timeout: 30_000 });
    ms = await page.evaluate(() => new Promise((done) => requestIdleCallback(() => done(performance.now()))));
    const cards = await page.locator('.grid .card').count();
    if (cards < Math.min(FILES, 50)) throw new Error(`the dashboard shows ${cards} cards`);
  } else {
    // The peer: the same origin's favicon as a blank document, then the dashboard's three calls.
    await page.goto(`${BASE}/favicon.svg`, { waitUntil: 'commit' });
    ms = await page.evaluate(async (token) => {
      const headers = { Authorization: `Bearer ${token}` };
      await Promise.all([
        fetch('/api/auth/me', { headers }).then((r) => r.json()),
        fetch('/api/diagrams?view=all&page=0&size=50', { headers }).then((r) => r.json()),
        fetch('/api/diagrams/folders/tree', { headers }).then((r) => r.json()),
      ]);
      return performance.now();
    }, tokens.access_token);
  }
  await context.close();
  return { ms, scriptBytes };
}

const app = [];
const peer = [];
let shipped = 0;
await measure('app'); // warms the services' caches and JIT once, for both
await measure('peer');
for (let run = 0; run < RUNS; run++) {
  const a = await measure('app');
  app.push(a.ms);
  shipped = a.scriptBytes;
  peer.push((await measure('peer')).ms);
}
await browser.close();

const framework = await frameworkAlone();
const appMs = median(app);
const peerMs = median(peer);
console.log(`time to interactive dashboard, ${FILES} files (median of ${RUNS}, cold cache): ${appMs.toFixed(0)} ms` +
  `   peer (the same API calls from a blank page): ${peerMs.toFixed(0)} ms   ratio: ${(appMs / peerMs).toFixed(2)}x   vs 1500 ms goal: ${(appMs / 1500).toFixed(2)}x`);
console.log(`JavaScript shipped for the dashboard (gzip, on the wire): ${(shipped / 1024).toFixed(1)} KB` +
  `   peer (react + react-dom rendering one element, same bundler, gzip): ${(framework / 1024).toFixed(1)} KB   ratio: ${(shipped / framework).toFixed(2)}x   vs 300 KB goal: ${(shipped / 1024 / 300).toFixed(2)}x`);
console.log(`runs (ms): app ${app.map((v) => v.toFixed(0)).join(' ')}; peer ${peer.map((v) => v.toFixed(0)).join(' ')}`);
