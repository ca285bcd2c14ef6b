// The browser journey through the dashboard's organising features and the AI, against a running
// platform with ai-service (its offline generator, the default): "New from prompt" with its
// streamed stages, a prompt with nothing to draw, the editor's AI panel (refine in place; explain,
// critique, suggest), tags, drag-and-drop moves onto folders and breadcrumbs, batch selection and
// the command palette; then pictures on the canvas and the editor's own palette (steps/pictures.mjs).
// platform-tests' DashboardAndAiBrowserTest runs this; each step is a test.
// Every wait is on an element or a network answer, never a sleep.
import { check, startJourney } from './journey.mjs';
import { pictureSteps } from './steps/pictures.mjs';

// thumbnail_not_ready: a thumbnail is made ~2 s after a change, and the grid asks before that.
const { base, page, step, finish } = await startJourney({ expected: [['GET', /^\/api\/export\/thumbnails\/[0-9a-f-]+$/, 404]] });

const email = `dashboard-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
const password = 'a long test password 1';
const suffix = Date.now() % 100000;
const names = { alpha: `Alpha plan ${suffix}`, beta: `Beta plan ${suffix}`, generated: `Generated shop ${suffix}`, projects: `Projects ${suffix}`, archive: `Archive ${suffix}` };
const ids = {};
let token = '';

async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : response.json();
}

const card = (title) => page.locator('li.card', { has: page.getByRole('link', { name: title, exact: true }) });
const sidebar = () => page.getByRole('navigation', { name: 'Views and folders' });
const listed = (title) => page.getByRole('link', { name: title, exact: true });
const answered = (method, pattern, status = 200) =>
  page.waitForResponse((r) => r.request().method() === method && pattern.test(new URL(r.url()).pathname) && r.status() === status, { timeout: 60_000 });

await step('signed in with two files and two nested folders, the dashboard lists them', async () => {
  await api('/api/auth/register', { method: 'POST', body: { email, password, full_name: 'Dashboard Tester' } });
  const tokens = await api('/api/auth/login', { method: 'POST', body: { email, password } });
  token = tokens.access_token;
  ids.alpha = (await api('/api/diagrams', { method: 'POST', body: { title: names.alpha, type: 'canvas' } })).id;
  ids.beta = (await api('/api/diagrams', { method: 'POST', body: { title: names.beta, type: 'canvas' } })).id;
  ids.projects = (await api('/api/diagrams/folders', { method: 'POST', body: { name: names.projects } })).id;
  ids.archive = (await api('/api/diagrams/folders', { method: 'POST', body: { name: names.archive, parent_id: ids.projects } })).id;
  await page.goto(`${base}/favicon.svg`);
  await page.evaluate((stored) => localStorage.setItem('autograph.session', stored), JSON.stringify({
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expires_at: Date.now() + tokens.expires_in * 1000,
  }));
  await page.goto(`${base}/`);
  await page.getByRole('heading', { name: 'All files' }).waitFor();
  await listed(names.alpha).waitFor();
  await listed(names.beta).waitFor();
  await sidebar().getByRole('link', { name: names.archive }).waitFor();
});

await step('New from prompt shows the streamed stages and code, then opens the generated file', async () => {
  await page.getByRole('button', { name: 'New from prompt' }).click();
  const dialog = page.getByRole('dialog', { name: 'New diagram from a prompt' });
  await dialog.getByLabel('Describe the diagram').fill('An e-commerce architecture with a load balancer, two API servers, a Redis cache and a Postgres database');
  await dialog.getByLabel('Title (optional)').fill(names.generated);
  // The stages stream in faster than a screenshot: the page counts the ones it showed.
  await page.evaluate(() => {
    window.__shownStages = new Set();
    new MutationObserver(() => document.querySelectorAll('.ai-stages li[data-stage]').forEach((li) => window.__shownStages.add(li.dataset.stage))).observe(document.body, { childList: true, subtree: true });
  });
  const generated = answered('POST', /^\/api\/ai\/generate$/);
  await dialog.getByRole('button', { name: 'Generate' }).click();
  const response = await generated;
  check((response.headers()['content-type'] ?? '').startsWith('text/event-stream'), `expected an event stream, got ${response.headers()['content-type']}`);
  await page.getByRole('heading', { name: names.generated }).waitFor();
  ids.generated = new URL(page.url()).pathname.split('/').pop();
  const shown = await page.evaluate(() => [...window.__shownStages]);
  check(shown.includes('draft') && shown.length >= 3, `expected the stages to be shown as they came, saw: ${shown.join(', ')}`);
  const file = await api(`/api/diagrams/${ids.generated}`);
  check(file.canvas_data.shapes.length >= 4, `expected a generated diagram, got ${file.canvas_data.shapes.length} shapes`);
  await page.locator('.excalidraw .excalidraw__canvas.static').waitFor();
});

await step('the AI panel changes the open diagram in place and the canvas shows the new head', async () => {
  await page.getByRole('button', { name: 'AI', exact: true }).click();
  const panel = page.getByRole('region', { name: 'AI' });
  await panel.getByLabel('Change this diagram').fill('add a Kafka queue connected to the load balancer');
  const refined = answered('POST', new RegExp(`^/api/ai/files/${ids.generated}/refine$`));
  const reloaded = answered('GET', new RegExp(`^/api/diagrams/${ids.generated}$`));
  await panel.getByRole('button', { name: 'Change' }).click();
  await refined;
  await reloaded;
  await page.getByText('The diagram shows the AI’s changes.').waitFor();
  await panel.locator('.ai-stages li[data-stage="read"]').waitFor();
  const file = await api(`/api/diagrams/${ids.generated}`);
  check(JSON.stringify(file.canvas_data).toLowerCase().includes('kafka'), 'the refined head has no Kafka');
  await page.locator('[data-save-state="saved"]').waitFor();
});

await step('an instruction with nothing to draw says so, and nothing changes', async () => {
  const before = await api(`/api/diagrams/${ids.generated}`);
  const panel = page.getByRole('region', { name: 'AI' });
  await panel.getByLabel('Change this diagram').fill('what a lovely day it is');
  await panel.getByRole('button', { name: 'Change' }).click();
  const alert = panel.getByRole('alert');
  await alert.waitFor();
  check(/^Nothing to draw: /.test(await alert.innerText()), `expected a "nothing to draw" error, got: ${await alert.innerText()}`);
  const after = await api(`/api/diagrams/${ids.generated}`);
  check(after.etag === before.etag, 'the file changed although nothing was drawable');
});

await step('explain, critique and suggest answer in the panel', async () => {
  const panel = page.getByRole('region', { name: 'AI' });
  for (const [task, label] of [['explain', 'Explain'], ['critique', 'Critique'], ['suggest', 'Suggest']]) {
    const asked = answered('POST', new RegExp(`^/api/ai/${task}$`));
    await panel.getByRole('button', { name: label, exact: true }).click();
    await asked;
    const answer = panel.locator(`.ai-answer[data-task="${task}"]`);
    await answer.waitFor();
    check((await answer.innerText()).length > 20, `the ${task} answer is empty`);
  }
});

await step('tags: add one from the dialog, see it on the card, filter by it, remove it', async () => {
  await page.getByRole('link', { name: '← All files' }).click();
  await listed(names.alpha).waitFor();
  await page.getByRole('button', { name: `Tags of ${names.alpha}` }).click();
  const dialog = page.getByRole('dialog', { name: `Tags of ${names.alpha}` });
  await dialog.getByLabel('New tag').fill('urgent');
  await dialog.getByRole('button', { name: 'Add tag' }).click();
  await dialog.getByRole('checkbox', { name: 'urgent' }).waitFor();
  check(await dialog.getByRole('checkbox', { name: 'urgent' }).isChecked(), 'the new tag is not ticked');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await card(names.alpha).getByRole('list', { name: `Tags of ${names.alpha}` }).getByText('urgent').waitFor();
  await page.getByLabel('Filter by tag').selectOption({ label: 'urgent (1)' });
  await listed(names.beta).waitFor({ state: 'detached' });
  await listed(names.alpha).waitFor();
  await page.getByRole('button', { name: `Remove the tag urgent from ${names.alpha}` }).click();
  await listed(names.alpha).waitFor({ state: 'detached' });
  await page.getByLabel('Filter by tag').selectOption({ label: 'All tags' });
  await listed(names.beta).waitFor();
});

await step('drag a file onto a folder in the side bar; inside it, the breadcrumbs lead back and take a drop too', async () => {
  const moved = answered('POST', new RegExp(`^/api/diagrams/${ids.beta}/move$`));
  await card(names.beta).dragTo(sidebar().getByRole('link', { name: names.projects }));
  await moved;
  check((await api(`/api/diagrams/${ids.beta}`)).folder_id === ids.projects, 'the dragged file is not in the folder');
  await sidebar().getByRole('link', { name: names.archive }).click();
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await crumbs.getByText(names.archive).waitFor();
  await crumbs.getByRole('link', { name: names.projects }).click();
  await listed(names.beta).waitFor();
  const back = answered('POST', new RegExp(`^/api/diagrams/${ids.beta}/move$`));
  await card(names.beta).dragTo(crumbs.getByRole('link', { name: 'All files' }));
  await back;
  await listed(names.beta).waitFor({ state: 'detached' });
  check((await api(`/api/diagrams/${ids.beta}`)).folder_id == null, 'the file dropped on "All files" is still in a folder');
  const folderMoved = answered('POST', new RegExp(`^/api/diagrams/folders/${ids.archive}/move$`));
  await sidebar().getByRole('link', { name: names.archive }).dragTo(crumbs.getByRole('link', { name: 'All files' }));
  await folderMoved;
  const tree = await api('/api/diagrams/folders/tree');
  check(tree.items.some((f) => f.id === ids.archive), 'the dragged folder is not at the top level');
});

await step('batch: select two files, star them, move them into a folder, then delete them', async () => {
  await sidebar().getByRole('link', { name: 'All files' }).click();
  await page.getByRole('heading', { name: 'All files' }).waitFor();
  await page.getByRole('checkbox', { name: `Select ${names.alpha}` }).check();
  await page.getByRole('checkbox', { name: `Select ${names.beta}` }).check();
  const bar = page.getByRole('region', { name: 'Selected files' });
  await bar.getByText('2 selected').waitFor();
  await bar.getByRole('button', { name: 'Star' }).click();
  await page.locator(`button[aria-label="Star ${names.beta}"][aria-pressed="true"]`).waitFor();
  await page.getByRole('checkbox', { name: `Select ${names.alpha}` }).check();
  await page.getByRole('checkbox', { name: `Select ${names.beta}` }).check();
  await bar.getByLabel('Move the selected files to').selectOption({ label: names.projects });
  const batch = answered('POST', /^\/api\/diagrams\/batch$/);
  await bar.getByRole('button', { name: 'Move', exact: true }).click();
  await batch;
  for (const id of [ids.alpha, ids.beta]) check((await api(`/api/diagrams/${id}`)).folder_id === ids.projects, 'a batch-moved file is not in the folder');
  await page.getByRole('checkbox', { name: `Select ${names.alpha}` }).check();
  await page.getByRole('checkbox', { name: `Select ${names.beta}` }).check();
  await bar.getByRole('button', { name: 'Delete' }).click();
  await listed(names.alpha).waitFor({ state: 'detached' });
  await sidebar().getByRole('link', { name: 'Trash' }).click();
  await listed(names.alpha).waitFor();
  await listed(names.beta).waitFor();
});

await step('the command palette (Ctrl+K) opens a file by name, switches the theme and goes to a view', async () => {
  await page.keyboard.press('Control+k');
  let palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill(names.generated);
  await palette.getByRole('option', { name: new RegExp(names.generated) }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: names.generated }).waitFor();
  await page.getByRole('link', { name: '← All files' }).click();
  await page.getByRole('heading', { name: 'All files' }).waitFor();
  const themeBefore = await page.locator('html').getAttribute('data-theme');
  await page.keyboard.press('Control+k');
  palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('switch the theme');
  await page.keyboard.press('Enter');
  await page.waitForFunction((before) => document.documentElement.getAttribute('data-theme') !== before, themeBefore);
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').fill('go to starred');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Starred' }).waitFor();
  await page.keyboard.press('Control+k');
  await page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox').fill('new folder');
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'New folder' }).waitFor();
  await page.keyboard.press('Escape');
});

await pictureSteps({ page, step, base, token: () => token });

await finish();
