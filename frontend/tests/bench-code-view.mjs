// Code view: edit code → document for 100 shapes (50 nodes in a ring, 50 arrows), as the code view
// measures it (performance.measure): the part on this machine (parse answer → document applied,
// autograph:code-to-document) against the whole edit with the parse round trip
// (autograph:code-edit-to-document), both in the same run. Prints medians of 7 edits.
//
//   AUTOGRAPH_URL=http://127.0.0.1:8080 node tests/bench-code-view.mjs
import { launch } from './browser.mjs';

const BASE = process.env.AUTOGRAPH_URL;
if (!BASE) {
  console.error('bench-code-view: set AUTOGRAPH_URL');
  process.exit(2);
}
const password = 'a long bench password 1';
const email = `bench-code-${Date.now()}@example.com`;
const json = { 'Content-Type': 'application/json' };
await fetch(`${BASE}/api/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email, full_name: 'Bench', password }) });
const login = await (await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) })).json();
const file = await (
  await fetch(`${BASE}/api/diagrams`, { method: 'POST', headers: { ...json, Authorization: `Bearer ${login.access_token}` }, body: JSON.stringify({ title: 'bench', type: 'canvas' }) })
).json();

const browser = await launch();
const page = await (await browser.newContext()).newPage();
const consoleErrors = [];
page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text().slice(0, 160)));
await page.goto(`${BASE}/login`);
await page.evaluate((t) => localStorage.setItem('autograph.session', JSON.stringify({ access_token: t.access_token, refresh_token: t.refresh_token, expires_at: Date.now() + 3600e3 })), login);
await page.goto(`${BASE}/files/${file.id}`);
await page.getByRole('toolbar', { name: 'Panels' }).getByRole('button', { name: 'Code', exact: true }).click();
const editor = page.locator('.code-editor .cm-content');
await editor.waitFor();
const ring = Array.from({ length: 50 }, (_, i) => `n${i}[Node ${i}] --> n${(i + 1) % 50}`);
const local = [];
const whole = [];
for (let run = 0; run < 7; run++) {
  await page.evaluate(() => performance.clearMeasures());
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(`flowchart LR\n${ring.map((line) => (run % 2 ? line : line.replace('Node', 'Step'))).join('\n')}`);
  await page.waitForFunction(() => performance.getEntriesByName('autograph:code-edit-to-document').length > 0, null, { timeout: 30_000 });
  const [mine, all] = await page.evaluate(() => [
    performance.getEntriesByName('autograph:code-to-document').at(-1)?.duration ?? NaN,
    performance.getEntriesByName('autograph:code-edit-to-document').at(-1)?.duration ?? NaN,
  ]);
  local.push(mine);
  whole.push(all);
}
await browser.close();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`code view, 100 shapes, edit → onDocument (median of ${local.length}):`);
console.log(`  on this machine (answer → document applied): ${median(local).toFixed(1)} ms (goal < 100 ms)`);
console.log(`  with the parse round trip:                    ${median(whole).toFixed(1)} ms`);
console.log(`  ratio: ${(median(local) / median(whole)).toFixed(2)}`);
if (consoleErrors.length) console.log(`console errors (${consoleErrors.length}):\n  ${consoleErrors.join('\n  ')}`);
