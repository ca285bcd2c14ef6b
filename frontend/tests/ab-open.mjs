// Opening a 500-shape diagram with two builds, alternately in one run, so both share the machine's
// load: copy the other build's assets/ into dist/ (their names carry content hashes, so nothing is
// overwritten), keep both index.html files elsewhere, and this script copies one or the other to
// dist/index.html before each open (the gateway reads the folder again when index.html changes);
// B's is left in place. Per build: the open time as bench-editor.mjs measures it, and the page's
// main-thread CPU time until then (the thread time of its top-level tasks, from a CDP trace),
// which moves less with the machine's load than wall time.
// Or, with URL_A and URL_B, two servers of the same API (e.g. `vite preview` of each build, whose
// proxy sends /api to the platform): nothing is copied.
//   INDEX_A, INDEX_B (the two index.html), RUNS (default 7), AUTOGRAPH_URL; or URL_A, URL_B
import { copyFileSync } from 'node:fs';
import { launch } from './browser.mjs';
import { apiAt, diagram, median } from './bench-support.mjs';

const BASE = process.env.AUTOGRAPH_URL || 'http://127.0.0.1:8080';
const RUNS = Number(process.env.RUNS || 7);
const DIST_INDEX = new URL('../dist/index.html', import.meta.url);
const variants = { A: process.env.INDEX_A, B: process.env.INDEX_B };
const urls = { A: process.env.URL_A || BASE, B: process.env.URL_B || BASE };
const copying = !process.env.URL_A;
const api = apiAt(BASE);
const email = `ab-${Date.now()}@example.com`;
const password = 'a long bench password 1';
await api('/api/auth/register', { method: 'POST', body: { email, password, full_name: 'AB' } });
const login = () => api('/api/auth/login', { method: 'POST', body: { email, password } });
const seed = await login();
const file = await api('/api/diagrams', { method: 'POST', token: seed.access_token, body: { title: 'AB', type: 'canvas', canvas_data: diagram(500) } });
const browser = await launch();
async function open(variant) {
  if (copying) copyFileSync(variants[variant], DIST_INDEX);
  const tokens = await login();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((stored) => localStorage.setItem('autograph.session', stored), JSON.stringify({ access_token: tokens.access_token, refresh_token: tokens.refresh_token, expires_at: Date.now() + tokens.expires_in * 1000 }));
  const page = await context.newPage();
  await browser.startTracing(page, { categories: ['toplevel', '__metadata'] });
  await page.goto(`${urls[variant]}/files/${file.id}`, { waitUntil: 'commit' });
  const html = await page.content();
  await page.locator('.excalidraw .excalidraw__canvas.static').waitFor({ timeout: 60_000 });
  const ms = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))));
  const entry = html.match(/assets\/(index-[^"]+\.js)/)?.[1];
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  const mains = new Set(traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const cpu = traceEvents.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mains.has(`${e.pid}:${e.tid}`)).reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
  await context.close();
  return { ms, entry, cpu };
}
await open('A');
await open('B');
const times = { A: [], B: [] };
const cpus = { A: [], B: [] };
for (let run = 0; run < RUNS; run++) {
  for (const v of run % 2 ? ['B', 'A'] : ['A', 'B']) {
    const { ms, entry, cpu } = await open(v);
    times[v].push(ms);
    cpus[v].push(cpu);
    if (run === 0) console.log(`${v} serves ${entry}`);
  }
}
await browser.close();
if (copying) copyFileSync(variants.B, DIST_INDEX);
for (const v of ['A', 'B']) {
  console.log(`${v}: open median ${median(times[v]).toFixed(0)} ms   runs ${times[v].map((t) => t.toFixed(0)).join(' ')}`);
  console.log(`${v}: renderer main-thread CPU until open, median ${median(cpus[v]).toFixed(0)} ms   runs ${cpus[v].map((t) => t.toFixed(0)).join(' ')}`);
}
