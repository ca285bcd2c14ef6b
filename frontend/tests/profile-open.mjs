// Where opening a 500-shape diagram spends its time: a V8 CPU profile of the page from navigation
// to two frames after the canvas appears (plus SETTLE ms), the resource timings, and the page's own
// marks (canvas in the DOM, WebSocket open and first message, long animation frames with scripts).
//   AUTOGRAPH_URL, SETTLE (default 1500), SHAPES (default 500), OUT (a folder for profile.cpuprofile)
import { writeFileSync } from 'node:fs';
import { launch } from './browser.mjs';
import { apiAt, diagram } from './bench-support.mjs';

const BASE = process.env.AUTOGRAPH_URL || 'http://127.0.0.1:8080';
const SETTLE = Number(process.env.SETTLE || 1500);
const SHAPES = Number(process.env.SHAPES || 500);
const api = apiAt(BASE);

const email = `profile-${Date.now()}@example.com`;
const password = 'a long bench password 1';
await api('/api/auth/register', { method: 'POST', body: { email, password, full_name: 'Profile' } });
const login = () => api('/api/auth/login', { method: 'POST', body: { email, password } });
const seed = await login();
const file = await api('/api/diagrams', { method: 'POST', token: seed.access_token, body: { title: 'Profile', type: 'canvas', canvas_data: diagram(SHAPES) } });
const browser = await launch();

async function once(profile) {
  const tokens = await login();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((stored) => {
    localStorage.setItem('autograph.session', stored);
    const marks = (window.__marks = []);
    const mark = (name) => marks.push([name, Math.round(performance.now())]);
    new MutationObserver((_, observer) => {
      if (document.querySelector('.excalidraw__canvas.static')) {
        mark('static canvas in DOM');
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        mark('ws created');
        this.addEventListener('open', () => mark('ws open'));
        let first = true;
        this.addEventListener('message', (e) => {
          if (first) mark(`ws first message (${String(e.data).length} chars)`);
          first = false;
        });
      }
    };
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          mark(`LoAF ${Math.round(e.duration)}ms blocking ${Math.round(e.blockingDuration)} render@${Math.round(e.renderStart - e.startTime)} style@${Math.round(e.styleAndLayoutStart - e.startTime)}: ` +
            e.scripts.map((s) => `${s.invoker || s.invokerType} ${Math.round(s.duration)}ms ${s.sourceFunctionName || ''} ${(s.sourceURL || '').replace(/.*\//, '')}:${s.sourceCharPosition}`).join(' | '));
          marks[marks.length - 1][1] = Math.round(e.startTime);
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') marks.push(['FCP', Math.round(e.startTime)]);
      }).observe({ type: 'paint', buffered: true });
    } catch {}
  }, JSON.stringify({ access_token: tokens.access_token, refresh_token: tokens.refresh_token, expires_at: Date.now() + tokens.expires_in * 1000 }));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${BASE}/files/${file.id}`, { waitUntil: 'commit' });
  await page.locator('.excalidraw .excalidraw__canvas.static').waitFor({ timeout: 60_000 });
  const opened = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())))));
  if (process.env.OUT) await page.screenshot({ path: `${process.env.OUT}/opened-${profile ? 'p' : 'n'}.png` });
  await page.waitForTimeout(SETTLE);
  const result = { opened };
  if (profile) result.profile = (await cdp.send('Profiler.stop')).profile;
  result.marks = await page.evaluate(() => window.__marks);
  result.resources = await page.evaluate(() => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).map((e) => [e.name.replace(/^https?:\/\/[^/]+/, ''), Math.round(e.startTime), Math.round(e.responseEnd), e.encodedBodySize]));
  await context.close();
  return result;
}

await once(false); // warm the services
const plain = [];
for (let i = 0; i < 3; i++) plain.push(Math.round((await once(false)).opened));
console.log(`opened (no profiler): ${plain.join(' ')} ms`);
const r = await once(true);
console.log(`opened (profiled): ${Math.round(r.opened)} ms`);
for (const [name, start, end, size] of r.resources.sort((a, b) => a[1] - b[1])) console.log(`  ${String(start).padStart(5)}-${String(end).padStart(5)}  ${name}  ${size}`);
for (const [name, t] of r.marks.sort((a, b) => a[1] - b[1])) console.log(`  @${t}  ${name}`);
// Self time by function and by script, from navigation to `opened`, and after.
const { nodes, samples, timeDeltas, startTime } = r.profile;
const byId = new Map(nodes.map((n) => [n.id, n]));
const self = new Map();
const byUrl = new Map();
let t = startTime;
const navStart = startTime; // approximate: the profile starts just before navigation
const phases = new Map();
for (let i = 0; i < samples.length; i++) {
  t += timeDeltas[i];
  const n = byId.get(samples[i]);
  const f = n.callFrame;
  const key = `${f.functionName || '(anon)'} ${f.url.replace(/.*\//, '')}:${f.lineNumber}:${f.columnNumber}`;
  const dt = (timeDeltas[i + 1] ?? 0) / 1000;
  self.set(key, (self.get(key) ?? 0) + dt);
  const url = f.url.replace(/.*\//, '') || f.functionName;
  byUrl.set(url, (byUrl.get(url) ?? 0) + dt);
  const bucket = Math.floor((t - navStart) / 1000 / 100) * 100;
  if (url !== '(idle)' && url !== '(program)') phases.set(bucket, (phases.get(bucket) ?? 0) + dt);
}
console.log('self time by script (ms):');
for (const [k, v] of [...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
console.log('self time by function (ms):');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
console.log('JS busy per 100 ms since profile start:', [...phases].sort((a, b) => a[0] - b[0]).map(([b, v]) => `${b}:${v.toFixed(0)}`).join(' '));
if (process.env.OUT) writeFileSync(`${process.env.OUT}/open.cpuprofile`, JSON.stringify(r.profile));
await browser.close();
