// The editor's steps of the browser journey (run.mjs calls them signed in, on the dashboard):
// a new diagram, shapes and a bound arrow drawn with keyboard and mouse, autosave, reload,
// another shape and Ctrl+S for a version, and a change saved elsewhere meanwhile (412) answered by a merge.
// Every wait is on a network answer or an element, never a sleep.

/** The 4xx answers these steps provoke on purpose (for run.mjs's watch). */
export const EXPECTED_CLIENT_ERRORS = [
  ['PATCH', /^\/api\/diagrams\/[0-9a-f-]+$/, 412], // the conflict step's stale If-Match
];

const FILE_PATH = /^\/api\/diagrams\/([0-9a-f-]{36})$/;

function isSave(response, status = 200) {
  const request = response.request();
  return request.method() === 'PATCH' && FILE_PATH.test(new URL(response.url()).pathname) && response.status() === status;
}

function savedDocument(response) {
  return JSON.parse(response.request().postData() ?? '{}').canvas_data ?? { shapes: [] };
}

export async function editorSteps({ page, step, check, base }) {
  const title = `Editor journey ${Date.now() % 100000}`;
  let fileId = '';
  let ids = { rectangle: '', ellipse: '' };

  const canvasBox = async () => {
    const box = await page.locator('.excalidraw .excalidraw__canvas.interactive').boundingBox();
    check(box, 'the canvas has no size');
    return box;
  };
  const drag = async (box, from, to) => {
    await page.mouse.move(box.x + from[0], box.y + from[1]);
    await page.mouse.down();
    await page.mouse.move(box.x + (from[0] + to[0]) / 2, box.y + (from[1] + to[1]) / 2, { steps: 4 });
    await page.mouse.move(box.x + to[0], box.y + to[1], { steps: 4 });
    await page.mouse.up();
  };
  const api = async (path, init = {}) => {
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('autograph.session') ?? 'null'));
    const headers = { Authorization: `Bearer ${session.access_token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) };
    return fetch(`${base}${path}`, { ...init, headers });
  };

  // These steps are the editor without a room (collaboration-service unreachable): the page's own
  // autosave with If-Match, and the 412 dialog. The sockets are answered by a close here.
  await page.routeWebSocket(/\/ws\/files\//, (socket) => socket.close({ code: 1011, reason: 'no room in these steps' }));

  await step('editor: a new diagram opens on an empty canvas, everything saved', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'New diagram' }).click();
    const dialog = page.getByRole('dialog', { name: 'New diagram' });
    await dialog.getByLabel('Title').fill(title);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    fileId = new URL(page.url()).pathname.split('/').pop();
    await page.locator('.excalidraw .excalidraw__canvas.interactive').waitFor();
    await page.getByText('All changes saved').waitFor();
  });

  await step('editor: a rectangle, an ellipse and an arrow between them, drawn and autosaved', async () => {
    const box = await canvasBox();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('r');
    await drag(box, [300, 250], [450, 350]);
    await page.keyboard.press('o');
    await drag(box, [650, 250], [800, 350]);
    const saved = page.waitForResponse((r) => isSave(r) && savedDocument(r).shapes.some((s) => s.type === 'arrow'));
    await page.keyboard.press('a');
    await drag(box, [440, 300], [725, 300]);
    const doc = savedDocument(await saved);
    const rectangle = doc.shapes.find((s) => s.type === 'rectangle');
    const ellipse = doc.shapes.find((s) => s.type === 'ellipse');
    const arrow = doc.shapes.find((s) => s.type === 'arrow');
    check(rectangle && ellipse && arrow, `expected a rectangle, an ellipse and an arrow, saved: ${JSON.stringify(doc.shapes.map((s) => s.type))}`);
    check(arrow.start?.shape_id === rectangle.id, `the arrow starts unbound: ${JSON.stringify(arrow.start)}`);
    check(arrow.end?.shape_id === ellipse.id, `the arrow ends unbound: ${JSON.stringify(arrow.end)}`);
    ids = { rectangle: rectangle.id, ellipse: ellipse.id };
    await page.getByText('All changes saved').waitFor();
  });

  await step('editor: after a reload the shapes are still there', async () => {
    const loaded = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/api/diagrams/${fileId}`);
    await page.reload();
    const doc = (await (await loaded).json()).canvas_data;
    const kept = new Set(doc.shapes.map((s) => s.id));
    check(kept.has(ids.rectangle) && kept.has(ids.ellipse) && doc.shapes.length === 3, `after the reload: ${JSON.stringify(doc.shapes)}`);
    await page.locator('.excalidraw .excalidraw__canvas.interactive').waitFor();
    await page.getByText('All changes saved').waitFor();
  });

  await step('editor: Ctrl+S saves a version', async () => {
    // The first autosave made a version already (the service versions a file's first change):
    // a version needs a change since, here a diamond, which Ctrl+S saves first.
    await page.keyboard.press('d');
    await drag(await canvasBox(), [900, 450], [980, 530]);
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/diagrams/${fileId}/versions`);
    await page.keyboard.press('Control+s');
    const answer = await created;
    check(answer.status() === 201, `saving a version answered ${answer.status()}`);
    await page.getByText(/^Version \d+ saved\.$/).waitFor();
    const versions = await (await api(`/api/diagrams/${fileId}/versions`)).json();
    check(versions.items.some((v) => v.reason === 'save'), `no saved version listed: ${JSON.stringify(versions.items)}`);
  });

  await step('editor: a change saved elsewhere meanwhile opens the conflict dialog (412)', async () => {
    const current = await api(`/api/diagrams/${fileId}`);
    const etag = current.headers.get('ETag');
    const doc = (await current.json()).canvas_data;
    doc.shapes.push({ id: 'added-elsewhere', type: 'diamond', x: 40, y: 40, width: 80, height: 80 });
    const elsewhere = await api(`/api/diagrams/${fileId}`, { method: 'PATCH', headers: { 'If-Match': etag }, body: JSON.stringify({ canvas_data: doc }) });
    check(elsewhere.status === 200, `the other change was refused: ${elsewhere.status}`);
    const refused = page.waitForResponse((r) => isSave(r, 412));
    const box = await canvasBox();
    await page.keyboard.press('r');
    await drag(box, [300, 450], [400, 520]);
    await refused;
    await page.getByRole('dialog', { name: 'This diagram was changed elsewhere' }).waitFor();
    await page.getByText('Not saved: changed elsewhere').waitFor();
  });

  await step('editor: merge keeps the other change and saves mine on top', async () => {
    const merged = page.waitForResponse((r) => isSave(r));
    await page.getByRole('button', { name: 'Merge my changes' }).click();
    const doc = savedDocument(await merged);
    check(doc.shapes.some((s) => s.id === 'added-elsewhere'), 'the change made elsewhere was lost');
    check(doc.shapes.filter((s) => s.type === 'rectangle').length === 2, `my new rectangle is missing: ${JSON.stringify(doc.shapes.map((s) => s.type))}`);
    await page.getByRole('dialog', { name: 'This diagram was changed elsewhere' }).waitFor({ state: 'hidden' });
    await page.getByText('All changes saved').waitFor();
  });

  await step('editor: back to the dashboard', async () => {
    await page.getByRole('link', { name: '← All files' }).click();
    await page.getByRole('link', { name: title, exact: true }).waitFor();
  });
}
