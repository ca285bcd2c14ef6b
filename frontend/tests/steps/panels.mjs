// The editor panels' part of the journey: code view and back, a version saved and compared (the
// coloured diff overlay), sharing with a second person by e-mail and by link, a PNG export, the
// share link opened signed out (with and without a password) and as an embed, and the version
// restored.
import { readFileSync } from 'node:fs';
import { accessibilityViolations, watch } from '../browser.mjs';
import { liveSteps } from './live.mjs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Runs the steps on `page`, which is signed in and shows the dashboard with the diagram `title`;
 * opens it in the editor (/files/{id}), where the panels sit in the editor bar and the code view
 * beside the canvas; leaves the page on the dashboard.
 */
export async function panelSteps({ page, browser, step, check, BASE, title, email, password, problems, mailedToken }) {
  let fileId = '';
  let linkToken = '';
  const codeEditor = () => page.locator('.code-editor .cm-content');
  const codeStatus = () => page.locator('.code-status');
  /** A switch in the editor bar's panel toolbar (Excalidraw has buttons of its own). */
  const panelButton = (name) => page.getByRole('toolbar', { name: 'Panels' }).getByRole('button', { name, exact: true });
  const sidePanel = () => page.locator('#editor-side-panel');
  /** The code's document reached the canvas and the autosave wrote it. */
  const autosaved = () => page.locator('[data-save-state="saved"]').waitFor();

  /**
   * Replaces the code with `code` (typed, as a person would) and waits for the parsed result.
   * `expected` should match only a parse's status ("Up to date: n shapes (… ms to apply)"): the
   * code view opened on a document says "Up to date: n shapes." before anything is parsed.
   */
  async function typeCode(code, expected) {
    await codeEditor().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // Typed line by line: Enter in CodeMirror keeps the previous line's indentation.
    const lines = code.split('\n');
    for (const [index, line] of lines.entries()) {
      await page.keyboard.press('Home');
      await page.keyboard.insertText(line);
      if (index < lines.length - 1) await page.keyboard.press('Enter');
    }
    await codeStatus().filter({ hasText: expected }).waitFor();
  }

  await step('code view: edited code becomes the diagram, errors show at their line; back to the canvas', async () => {
    await page.getByRole('link', { name: title, exact: true }).first().click();
    await page.getByRole('heading', { name: title }).waitFor();
    fileId = new URL(page.url()).pathname.split('/').pop();
    await page.locator('.excalidraw .excalidraw__canvas.interactive').waitFor(); // the canvas takes the code's documents
    await panelButton('Code').click();
    await codeEditor().waitFor();
    await typeCode('flowchart LR\nA[Start] --> B[Review]', /Up to date: 3 shapes \(/);
    // A mistake: the diagnostic sits in the editor at the line, the status names line and column.
    await typeCode('flowchart LR\nA[Start] --> B[Review\n', /error/);
    await page.locator('.cm-lintRange-error, .cm-lint-marker-error').first().waitFor();
    check(/line \d+, column \d+/.test(await codeStatus().innerText()), `no line/column in: ${await codeStatus().innerText()}`);
    await typeCode('flowchart LR\nA[Start] --> B[Review]', /Up to date: 3 shapes \(/);
    await autosaved();
    await panelButton('Code').click(); // back to the canvas alone
    check(await sidePanel().isHidden(), 'the code view stayed open');
    const saved = await page.evaluate(
      async (id) => (await (await fetch(`/api/diagrams/${id}`, { headers: { Authorization: `Bearer ${JSON.parse(localStorage.getItem('autograph.session')).access_token}` } })).json()).canvas_data,
      fileId,
    );
    check(saved.shapes.length === 3 && saved.shapes.some((s) => s.text === 'Review'), `the document did not take the code: ${JSON.stringify(saved)}`);
  });

  let savedVersion = 0;
  await step('save a version, change the code, and the diff shows the change in colour', async () => {
    // A small edit first: the code step's last write may itself have been kept as an automatic
    // version (a major edit), and saving unchanged content is refused (409).
    await panelButton('Code').click();
    await codeEditor().waitFor();
    await typeCode('flowchart LR\nA[Start] --> B[Reviewed]', /Up to date: 3 shapes \(/);
    await autosaved();
    await panelButton('Versions').click();
    await sidePanel().getByLabel('Label (optional)').fill('reviewed');
    await sidePanel().getByRole('button', { name: 'Save version' }).click();
    const notice = page.getByText(/^Saved version \d+\.$/);
    await notice.waitFor();
    savedVersion = Number(/\d+/.exec(await notice.innerText())[0]);
    await page.getByRole('list', { name: 'Timeline' }).getByText(`Version ${savedVersion}`, { exact: true }).waitFor();

    await panelButton('Code').click();
    await codeEditor().waitFor();
    await typeCode('flowchart LR\nA[Start] --> B[Approved]\nB --> C[Shipped]', /Up to date: 5 shapes \(/);
    await autosaved(); // the comparison is with the server's copy
    await panelButton('Versions').click();
    // The saved version, read-only: export-service's SVG with every shape's group by id.
    await page.getByRole('button', { name: `Preview version ${savedVersion}` }).click();
    await page.locator('.version-view svg g[id="B"]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: `Compare version ${savedVersion} with now` }).click();
    const legend = page.getByRole('list', { name: 'Summary of changes' });
    // C and its arrow are new, B's label changed.
    await legend.getByText('2 added').waitFor();
    await legend.getByText(/[1-9]\d* changed/).waitFor();
    await page.locator('.diff-view svg .diff-modified').first().waitFor({ state: 'attached' });
    const marks = await page.$$eval('.diff-view svg .diff-mark', (all) => all.map((m) => `${m.getAttribute('class')}:${m.getAttribute('data-shape-id')}`));
    check(marks.includes('diff-mark diff-added:C'), `the added shape C is not marked green: ${marks}`);
    check(marks.includes('diff-mark diff-modified:B'), `the changed shape B is not marked yellow: ${marks}`);
  });

  const second = { email: `second-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com` };
  await step('share with a second person by e-mail, who can then open it; a link with its embed code', async () => {
    const registered = await fetch(`${BASE}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: second.email, full_name: 'Second Tester', password }),
    });
    check(registered.ok, `registering the second person: HTTP ${registered.status} ${await registered.text()}`);
    await panelButton('Share…').click();
    const dialog = page.getByRole('dialog', { name: 'Share' });
    await dialog.getByLabel('E-mail address').fill(second.email);
    await dialog.getByLabel('Role').selectOption('edit');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await dialog.getByText(`Shared with ${second.email} (can edit).`).waitFor();
    await dialog.getByRole('list', { name: 'People' }).getByText(/can edit/).waitFor();

    const login = await (
      await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: second.email, password }) })
    ).json();
    const opened = await fetch(`${BASE}/api/diagrams/${fileId}`, { headers: { Authorization: `Bearer ${login.access_token}` } });
    check(opened.ok, `the second person cannot open the shared diagram: HTTP ${opened.status}`);
    check((await opened.json()).permission === 'edit', 'the second person was not given edit');

    await dialog.getByRole('button', { name: 'Create link' }).click();
    const url = await dialog.getByLabel('Link', { exact: true }).inputValue();
    check(/\/s\/[A-Za-z0-9_-]+$/.test(url), `not a share link: ${url}`);
    linkToken = url.split('/').pop();
    check((await dialog.getByLabel('Embed code').inputValue()).includes(`/embed/${linkToken}`), 'the embed code does not name the link');
  });

  let protectedToken = '';
  await step('a password-protected link is listed and can be revoked', async () => {
    const dialog = page.getByRole('dialog', { name: 'Share' });
    await dialog.getByLabel('Password (optional, 4–72 characters)').fill('open sesame');
    await dialog.getByLabel('Expires after (days, optional)').fill('7');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    await dialog.getByRole('list', { name: 'Links' }).getByText(/password · expires/).waitFor();
    protectedToken = (await dialog.getByLabel('Link', { exact: true }).inputValue()).split('/').pop();
    check(protectedToken !== linkToken, 'the protected link has the first link\'s token');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  await liveSteps({ page, browser, step, check, BASE, fileId, ownerEmail: email, second: { ...second, password }, savedVersion, problems, mailedToken, helpers: { panelButton, typeCode, codeEditor, sidePanel } });

  await step('export PNG at 2× downloads a PNG file', async () => {
    await panelButton('Export…').click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Format').selectOption('png');
    await dialog.getByLabel('2×').check();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    const bytes = readFileSync(await download.path());
    check(bytes.subarray(0, 8).equals(PNG_SIGNATURE), `not a PNG: ${bytes.subarray(0, 8).toString('hex')}`);
    check(/\.png$/.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`);
    await dialog.getByText(/^Downloaded .+\.png\.$/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  await step('the share link opens signed out, drawn read-only; the protected one asks for its password; the embed fits its frame', async () => {
    const visitor = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    const visit = await visitor.newPage();
    watch(visit, problems, [['GET', /^\/api\/diagrams\/links\/[A-Za-z0-9_-]+$/, 403]]); // the password prompt
    try {
      await visit.goto(`${BASE}/s/${linkToken}`);
      await visit.getByRole('heading', { name: title }).waitFor();
      await visit.locator('svg.document-drawing g[id="C"]').waitFor();
      await visit.getByText('Shipped').waitFor();
      await assertAccessible(visit, check);

      await visit.goto(`${BASE}/s/${protectedToken}`);
      await visit.getByRole('heading', { name: 'This diagram is protected' }).waitFor();
      await visit.getByLabel('Password').fill('open sesame');
      await visit.getByRole('button', { name: 'Open' }).click();
      await visit.getByRole('heading', { name: title }).waitFor();
      await visit.locator('svg.document-drawing g[id="B"]').waitFor();

      await visit.setContent(`<!doctype html><title>host</title><iframe src="${BASE}/embed/${linkToken}" width="600" height="400" title="embedded diagram"></iframe>`);
      const frame = visit.frameLocator('iframe');
      await frame.locator('svg.document-drawing g[id="A"]').waitFor();
      const box = await frame.locator('svg.document-drawing').boundingBox();
      check(box && box.width <= 601 && box.height <= 401 && box.width > 300, `the embed does not fit its frame: ${JSON.stringify(box)}`);
    } finally {
      await visitor.close();
    }
  });

  await step('restore the saved version: the editor reads the file again and shows it', async () => {
    await page.goto(`${BASE}/files/${fileId}`);
    await page.locator('.excalidraw .excalidraw__canvas.interactive').waitFor();
    await panelButton('Versions').click();
    await sidePanel().getByRole('button', { name: `Restore version ${savedVersion}` }).click();
    await sidePanel().getByRole('alertdialog').getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText('Restored: the diagram shows the restored version.').waitFor();
    const restored = await page.evaluate(
      async (id) => (await (await fetch(`/api/diagrams/${id}`, { headers: { Authorization: `Bearer ${JSON.parse(localStorage.getItem('autograph.session')).access_token}` } })).json()).canvas_data,
      fileId,
    );
    check(!restored.shapes.some((s) => s.id === 'C') && restored.shapes.some((s) => s.text === 'Reviewed'), `the server does not hold the version: ${JSON.stringify(restored)}`);
    // The editor's document is the restored one: the code view writes it as code. In a live room
    // the restored file reaches the editor through the room a moment after the notice, so this
    // waits for it rather than reading the code once.
    await panelButton('Code').click();
    const shown = await codeEditor().filter({ hasText: 'Reviewed' }).waitFor({ timeout: 15_000 }).then(() => true, () => false);
    check(shown, `the code does not show the restored version: ${await codeEditor().innerText()}`);
    await codeStatus().filter({ hasText: /Up to date: 3 shapes/ }).waitFor();
    await page.goto(`${BASE}/`);
    await page.getByRole('heading', { name: 'All files' }).waitFor();
  });
}

async function assertAccessible(page, check) {
  const violations = await accessibilityViolations(page);
  check(violations.length === 0, `accessibility (axe-core) on ${page.url()}: ` + violations.map((v) => `${v.impact} ${v.id} at ${v.targets.join(', ')}`).join('; '));
}
