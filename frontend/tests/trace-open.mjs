// One open of a 500-shape diagram under a Chromium performance trace: the page's main-thread work
// from navigation to two frames after Excalidraw's static canvas appears (as bench-editor.mjs
// measures it), as a list of tasks over MIN ms with what ran in them (script evaluation and
// compilation by file, functions called, timers, animation frames, style, layout, paint), and the
// requests with when they were sent and finished. OUT writes the trace (chrome://tracing, DevTools).
//   AUTOGRAPH_URL, SHAPES (default 500), MIN (default 4), RUNS (default 1: the last is printed)
import { writeFileSync } from 'node:fs';
import { launch } from './browser.mjs';
import { apiAt, diagram } from './bench-support.mjs';

const BASE = process.env.AUTOGRAPH_URL || 'http://127.0.0.1:8080';
const SHAPES = Number(process.env.SHAPES || 500);
const MIN = Number(process.env.MIN || 4);
const RUNS = Number(process.env.RUNS || 1);
const api = apiAt(BASE);
const email = `trace-${Date.now()}@example.com`;
const password = 'a long bench password 1';
await api('/api/auth/register', { method: 'POST', body: { email, password, full_name: 'Trace' } });
const login = () => api('/api/auth/login', { method: 'POST', body: { email, password } });
const seed = await login();
const file = await api('/api/diagrams', { method: 'POST', token: seed.access_token, body: { title: 'Trace', type: 'canvas', canvas_data: diagram(SHAPES) } });
const browser = await launch();

async function once() {
  const tokens = await login();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((stored) => localStorage.setItem('autograph.session', stored), JSON.stringify({ access_token: tokens.access_token, refresh_token: tokens.refresh_token, expires_at: Date.now() + tokens.expires_in * 1000 }));
  const page = await context.newPage();
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'toplevel', 'loading', 'blink.user_timing', '__metadata'] });
  await page.goto(`${BASE}/files/${file.id}`, { waitUntil: 'commit' });
  await page.locator('.excalidraw .excalidraw__canvas.static').waitFor({ timeout: 60_000 });
  const opened = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))));
  const trace = await browser.stopTracing();
  await context.close();
  return { opened, trace };
}

let result;
const times = [];
for (let i = 0; i < RUNS; i++) {
  result = await once();
  times.push(Math.round(result.opened));
}
await browser.close();
console.log(`opened: ${times.join(' ')} ms`);
if (process.env.OUT) writeFileSync(process.env.OUT, result.trace);
const { traceEvents } = JSON.parse(result.trace.toString());
// The page's renderer: the one that requested the app's scripts (Chromium's own pages, the
// omnibox among them, have renderers of their own in the trace); navigation starts at its last
// navigationStart before that.
const script = traceEvents.find((e) => e.name === 'ResourceSendRequest' && e.args.data.url.startsWith(`${BASE}/assets/`));
const mains = new Set(traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === script.pid).map((e) => `${e.pid}:${e.tid}`));
const nav = Math.max(...traceEvents.filter((e) => e.name === 'navigationStart' && e.pid === script.pid && e.ts < script.ts).map((e) => e.ts));
const end = nav + result.opened * 1000;
const at = (ts) => Math.round((ts - nav) / 1000);
const main = traceEvents.filter((e) => mains.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && e.ts >= nav - 1000 && e.ts <= end).sort((a, b) => a.ts - b.ts);
const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
const busy = tasks.reduce((s, e) => s + e.dur, 0) / 1000;
console.log(`main thread: ${busy.toFixed(0)} ms in tasks of ${result.opened.toFixed(0)} ms`);
const interesting = new Set(['EvaluateScript', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'Paint', 'ParseHTML', 'RunMicrotasks', 'EventDispatch', 'ParseAuthorStyleSheet', 'v8.parseOnBackground', 'Commit', 'PrePaint', 'V8.GCScavenger', 'MajorGC', 'MinorGC', 'V8.GC_MARK_COMPACTOR', 'ResourceReceivedData', 'ResourceFinish', 'v8.produceModuleCache', 'v8.produceCache', 'CompileCode', 'XHRReadyStateChange', 'FireIdleCallback', 'HitTest']);
const label = (e) => {
  const d = e.args?.data ?? e.args ?? {};
  const url = (d.url || d.fileName || d.scriptName || '').replace(/.*\//, '');
  return `${e.name}${url ? ` ${url}` : ''}${d.functionName ? ` ${d.functionName}` : ''}`;
};
for (const task of tasks) {
  if (task.dur / 1000 < MIN) continue;
  const inside = main.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && interesting.has(e.name));
  const parts = new Map();
  for (const e of inside) {
    const key = label(e);
    parts.set(key, (parts.get(key) ?? 0) + e.dur / 1000);
  }
  const top = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | ');
  console.log(`@${String(at(task.ts)).padStart(5)} ${String((task.dur / 1000).toFixed(0)).padStart(4)} ms  ${top}`);
}
const sends = traceEvents.filter((e) => e.name === 'ResourceSendRequest' && e.args.data.url.startsWith(BASE)).map((e) => [e.args.data.requestId, e.args.data.url, e.ts]);
const ends = new Map(traceEvents.filter((e) => e.name === 'ResourceFinish').map((e) => [e.args.data.requestId, e.ts]));
console.log('requests (sent-finished):');
for (const [id, url, ts] of sends.filter((s) => s[2] >= nav - 1000)) console.log(`  ${String(at(ts)).padStart(5)}-${String(ends.has(id) ? at(ends.get(id)) : '?').padStart(5)}  ${url.replace(/^https?:\/\/[^/]+/, '')}`);
