// Live collaboration in the journey: the owner and the person they shared the diagram with, in two
// browsers, edit it at once through the file's room (/ws/files/{id}); each sees the other's edit
// without a reload, sees who is here, and the version diff shows what they did together.
import { accessibilityViolations, watch } from '../browser.mjs';
import { commentSteps } from './comments.mjs';

/**
 * `page` shows the editor of `fileId` as its owner; `second` ({email, password}) has edit
 * permission. Opens a second browser context as that person, closes it at the end.
 */
export async function liveSteps({ page, browser, step, check, BASE, fileId, ownerEmail, second, savedVersion, problems, mailedToken, helpers }) {
  const { panelButton, typeCode, codeEditor, sidePanel } = helpers;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  context.setDefaultTimeout(30_000);
  const other = await context.newPage();
  watch(other, problems);
  // The room's traffic of both browsers in the run's log: what each sent and received.
  const frames = (who, target) =>
    target.on('websocket', (socket) => {
      const log = (direction) => (frame) => {
        let message;
        try {
          message = JSON.parse(frame.payload);
        } catch {
          return;
        }
        if (!['op', 'error', 'welcome', 'snapshot', 'resync', 'file_event'].includes(message.type)) return;
        const ops = (message.ops ?? []).map((op) => `${op.op}:${op.id ?? op.shape?.id ?? ''}${op.set ? '.' + Object.keys(op.set).join(',') : ''}`);
        console.log(`[live ${who} ${direction}] ${message.type} seq=${message.seq ?? ''} base=${message.base_seq ?? ''} op_id=${message.op_id ?? ''} from=${message.connection_id ?? ''} ${message.code ?? message.event ?? ''} ${ops.join(' ')}`.trim());
      };
      socket.on('framesent', log('sent'));
      socket.on('framereceived', log('received'));
    });
  frames('owner', page);
  frames('second', other);
  other.on('request', (request) => {
    if (request.url().includes('/api/diagrams/')) console.log(`[live second request] ${request.method()} ${new URL(request.url()).pathname}`);
  });
  const otherCode = () => other.locator('.code-editor .cm-content');
  const otherStatus = () => other.locator('.code-status');
  const otherPanel = (name) => other.getByRole('toolbar', { name: 'Panels' }).getByRole('button', { name, exact: true });
  /** Where the owner draws a rectangle (pixels from the canvas's top left); the comments select it. */
  let drawn = null;

  try {
    await step('live: the second person opens the shared diagram in another browser; both see who is here', async () => {
      await page.goto(`${BASE}/files/${fileId}`);
      await page.locator('[data-live-state="live"]').waitFor();
      await other.goto(`${BASE}/login`);
      await other.getByLabel('E-mail').fill(second.email);
      await other.getByLabel('Password').fill(second.password);
      await other.getByRole('button', { name: 'Log in' }).click();
      await other.getByRole('heading', { name: 'All files' }).waitFor();
      await other.goto(`${BASE}/files/${fileId}`);
      await other.locator('.excalidraw .excalidraw__canvas.interactive').waitFor();
      await other.locator('[data-live-state="live"]').waitFor();
      // The room names people by their address's local part.
      await page.getByRole('list', { name: 'People here' }).getByText(second.email.split('@')[0]).waitFor();
      await other.getByRole('list', { name: 'People here' }).getByText(/^browser-/).waitFor();
      await assertAccessible(other, check);
    });

    await step('live: an edit in one browser appears in the other without a reload, both ways', async () => {
      // The owner watches the code view (it follows the document while it has no focus).
      await panelButton('Code').click();
      await codeEditor().waitFor();
      // The second person adds a step in their code view…
      await otherPanel('Code').click();
      await otherCode().waitFor();
      await otherCode().click();
      await other.keyboard.press('ControlOrMeta+A');
      await other.keyboard.press('Delete');
      for (const [index, line] of ['flowchart LR', 'A[Start] --> B[Approved]', 'B --> C[Shipped]', 'C --> D[Live]'].entries()) {
        await other.keyboard.press('Home');
        await other.keyboard.insertText(line);
        if (index < 3) await other.keyboard.press('Enter');
      }
      await otherStatus().filter({ hasText: /Up to date: 7 shapes \(/ }).waitFor();
      // …which reaches the owner's canvas, and so their code view, through the room.
      await codeEditor().filter({ hasText: 'D[Live]' }).waitFor();
      await page.locator('.code-status').filter({ hasText: /Up to date: 7 shapes/ }).waitFor();

      // The owner draws a rectangle on the canvas; the second person's document gets it.
      await panelButton('Code').click();
      await otherPanel('Code').click(); // closed, so that reopening shows the newest document
      const box = await page.locator('.excalidraw .excalidraw__canvas.interactive').boundingBox();
      drawn = { left: 500, top: box.height - 220, right: 620, bottom: box.height - 140 };
      await page.mouse.click(box.x + box.width / 2, box.y + box.height - 60);
      await page.keyboard.press('r');
      // Below the shapes, clear of the style panel on the left and the zoom bar at the bottom.
      await page.mouse.move(box.x + 500, box.y + box.height - 220);
      await page.mouse.down();
      await page.mouse.move(box.x + 560, box.y + box.height - 180, { steps: 4 });
      await page.mouse.move(box.x + 620, box.y + box.height - 140, { steps: 4 });
      await page.mouse.up();
      // Acknowledged by the room (and so sent to the other browser) and saved, before the second
      // person reopens the code view: an open code view with focus does not follow the document.
      await page.locator('[data-save-state="saving"]').waitFor();
      await page.locator('[data-save-state="saved"]').waitFor();
      await otherPanel('Code').click();
      await otherStatus()
        .filter({ hasText: /Up to date: 8 shapes/ })
        .waitFor()
        .catch(async (failure) => {
          // What the second person saw instead, for the run's log and screenshots.
          console.log(`[live second] code status: ${await otherStatus().textContent().catch(() => '?')}`);
          console.log(`[live second] code: ${(await otherCode().textContent().catch(() => '?')).slice(0, 400)}`);
          await other.screenshot({ path: `${process.env.AUTOGRAPH_TEST_OUTPUT ?? '.'}/live-second-person.png` }).catch(() => undefined);
          throw failure;
        });
      await otherPanel('Code').click();
      // The second person's pointer over the canvas: the owner's screenshot shows it, named.
      const otherBox = await other.locator('.excalidraw .excalidraw__canvas.interactive').boundingBox();
      await other.mouse.move(otherBox.x + 400, otherBox.y + 300, { steps: 5 });
      await page.locator('[data-save-state="saved"]').waitFor(); // the room saved the file
      await assertAccessible(other, check);
    });

    await step('live: the version diff shows what both people changed', async () => {
      await panelButton('Versions').click();
      await page.getByRole('button', { name: `Compare version ${savedVersion} with now` }).click();
      const legend = page.getByRole('list', { name: 'Summary of changes' });
      await legend.getByText(/[5-9] added/).waitFor();
      // The summary comes before the drawing it annotates: wait for the drawing's marks.
      await page.locator('.diff-view svg .diff-mark[data-shape-id="D"]').waitFor({ state: 'attached' });
      const marks = await page.$$eval('.diff-view svg .diff-mark', (all) => all.map((m) => `${m.getAttribute('class')}:${m.getAttribute('data-shape-id')}`));
      check(marks.includes('diff-mark diff-added:D'), `the second person's shape D is not marked added: ${marks}`);
      check(marks.filter((m) => m.startsWith('diff-mark diff-added:')).length >= 5, `expected the drawn rectangle among the added shapes: ${marks}`);
      await panelButton('Versions').click();
      check(await sidePanel().isHidden(), 'the versions panel stayed open');
    });

    await commentSteps({ page, other, step, check, BASE, fileId, password: second.password, ownerEmail, secondEmail: second.email, drawn, helpers });
    await step('live: both people type into the same label at once; both end with both people\'s characters', async () => {
      // The rectangle the owner drew (the only one without a label), where the document has it.
      const saved = await page.evaluate(
        async (id) => (await (await fetch(`/api/diagrams/${id}`, { headers: { Authorization: `Bearer ${JSON.parse(localStorage.getItem('autograph.session')).access_token}` } })).json()).canvas_data,
        fileId,
      );
      const drawn = saved.shapes.find((s) => s.type === 'rectangle' && !s.text);
      check(drawn, `no unlabelled rectangle in ${JSON.stringify(saved.shapes.map((s) => [s.id, s.type, s.text]))}`);
      const editor = (target) => target.locator('textarea.excalidraw-wysiwyg');
      const editLabel = async (target) => {
        const at = await screenPoint(target, drawn.x + drawn.width / 2, drawn.y + drawn.height / 2);
        check(at, 'the canvas\'s view (scroll, zoom) could not be read');
        await target.mouse.dblclick(at.x, at.y);
        await editor(target).waitFor();
        await target.keyboard.press('ControlOrMeta+End'); // the editor opens with the label selected
      };
      // The owner labels it; the second person's canvas shows the label.
      await editLabel(page);
      await page.keyboard.type('Ship');
      await page.keyboard.press('Escape');
      await other.waitForFunction(labelShown, { id: drawn.id, text: 'Ship' });

      // Both open the label and type at its end at the same time, each their own letters.
      await editLabel(page);
      await editLabel(other);
      const mine = 'abcdefgklm'; // letters not in 'Ship'
      const theirs = 'NQRTUVWXYZ';
      await Promise.all([page.keyboard.type(mine, { delay: 45 }), other.keyboard.type(theirs, { delay: 45 })]);
      const length = 'Ship'.length + mine.length + theirs.length;
      const complete = (n) => document.querySelector('textarea.excalidraw-wysiwyg')?.value.length === n;
      await page.waitForFunction(complete, length);
      await other.waitForFunction(complete, length);
      const [ownerText, otherText] = [await editor(page).inputValue(), await editor(other).inputValue()];
      console.log(`[live] the label as each editor shows it: ${JSON.stringify(ownerText)} / ${JSON.stringify(otherText)}`);
      check(ownerText === otherText, `the two editors differ: ${JSON.stringify(ownerText)} and ${JSON.stringify(otherText)}`);
      const inOrder = (text, letters) => [...letters].every((c, i, all) => text.indexOf(c) >= 0 && (i === 0 || text.indexOf(all[i - 1]) < text.indexOf(c)));
      check(ownerText.startsWith('Ship') && inOrder(ownerText, mine) && inOrder(ownerText, theirs), `not every character, or not in order: ${JSON.stringify(ownerText)}`);

      // Done editing: the room saves the merged label.
      await page.keyboard.press('Escape');
      await other.keyboard.press('Escape');
      await page.waitForFunction(
        async ({ id, shape, text }) => {
          const token = JSON.parse(localStorage.getItem('autograph.session')).access_token;
          const doc = (await (await fetch(`/api/diagrams/${id}`, { headers: { Authorization: `Bearer ${token}` } })).json()).canvas_data;
          return doc.shapes.some((s) => s.id === shape && s.text === text);
        },
        { id: fileId, shape: drawn.id, text: ownerText },
        { polling: 500 },
      );
      await page.waitForFunction(labelShown, { id: drawn.id, text: ownerText });
      await other.waitForFunction(labelShown, { id: drawn.id, text: ownerText });
    });

    await step('the notification bell counts the unread share, lists it with a link to the diagram, and marks all read', async () => {
      await other.goto(`${BASE}/`);
      await other.getByRole('heading', { name: 'All files' }).waitFor();
      await other.getByRole('button', { name: /^Notifications \(\s*\d+\s*unread\)$/ }).click();
      const panel = other.getByRole('region', { name: 'Notifications' });
      const shared = panel.getByRole('link', { name: /^Shared with you/ }).first();
      await shared.waitFor();
      check((await shared.getAttribute('href')) === `/files/${fileId}`, `the notification leads to ${await shared.getAttribute('href')}`);
      await assertAccessible(other, check);
      await panel.getByRole('button', { name: 'Mark all read' }).click();
      await other.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
      await other.keyboard.press('Escape');
    });

    await step('a team invitation mail\'s link opens /join-team, which accepts it for the signed-in person', async () => {
      const owner = await page.evaluate(() => JSON.parse(localStorage.getItem('autograph.session')).access_token);
      const headers = { Authorization: `Bearer ${owner}`, 'Content-Type': 'application/json' };
      const name = `Reviewers ${Date.now() % 100000}`;
      const team = await fetch(`${BASE}/api/auth/teams`, { method: 'POST', headers, body: JSON.stringify({ name }) });
      const teamBody = await team.text();
      check(team.ok, `creating a team: HTTP ${team.status} ${teamBody}`);
      const { id } = JSON.parse(teamBody);
      const invited = await fetch(`${BASE}/api/auth/teams/${id}/invitations`, { method: 'POST', headers, body: JSON.stringify({ email: second.email, role: 'editor' }) });
      check(invited.ok, `inviting: HTTP ${invited.status} ${await invited.text()}`);
      // Accepting needs a verified address (TeamInvitations.accept): the second person
      // registered by API and verifies now, from the mail.
      const verification = await mailedToken(second.email, 'verify-email');
      await other.goto(`${BASE}/verify-email?token=${encodeURIComponent(verification)}`);
      await other.getByText('Your e-mail address is verified.').waitFor();
      const token = await mailedToken(second.email, 'join-team');
      await other.goto(`${BASE}/join-team?token=${encodeURIComponent(token)}`);
      await other.getByRole('button', { name: 'Accept the invitation' }).click();
      await other.getByText(`You are a member of ${name} (editor).`).waitFor();
      await assertAccessible(other, check);
    });

    await step('the unsubscribe link of a notification mail (the share) stops that kind of mail, signed out', async () => {
      const token = await mailedToken(second.email, 'notifications/unsubscribe');
      const visitor = await browser.newContext({ viewport: { width: 1024, height: 700 } });
      const visit = await visitor.newPage();
      watch(visit, problems);
      try {
        await visit.goto(`${BASE}/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
        await visit.getByRole('button', { name: 'Unsubscribe' }).click();
        await visit.getByText(/gets no more e-mails about share/).waitFor();
        await assertAccessible(visit, check);
      } finally {
        await visitor.close();
      }
    });
  } finally {
    await context.close();
  }
}

async function assertAccessible(page, check) {
  const violations = await accessibilityViolations(page);
  check(violations.length === 0, `accessibility (axe-core) on ${page.url()}: ` + violations.map((v) => `${v.impact} ${v.id} at ${v.targets.join(', ')}`).join('; '));
}

/**
 * Where the canvas point (x, y) is on the page. Excalidraw draws shapes as pixels: the point
 * follows from the view's scroll and zoom, read from its App component, found from its root
 * element (test introspection).
 */
async function screenPoint(target, x, y) {
  return target.evaluate(
    ({ x, y }) => {
      const root = document.querySelector('.excalidraw');
      const key = root && Object.keys(root).find((k) => k.startsWith('__reactFiber$'));
      for (let fiber = key ? root[key] : null; fiber; fiber = fiber.return) {
        const app = fiber.stateNode;
        if (app && app.scene && app.state && typeof app.state.scrollX === 'number') {
          const { scrollX, scrollY, zoom, offsetLeft, offsetTop } = app.state;
          return { x: (x + scrollX) * zoom.value + offsetLeft, y: (y + scrollY) * zoom.value + offsetTop };
        }
      }
      return null;
    },
    { x, y },
  );
}

/** Whether the canvas shows `text` as the label of shape `id` (for waitForFunction; the App as above). */
function labelShown({ id, text }) {
  const root = document.querySelector('.excalidraw');
  const key = root && Object.keys(root).find((k) => k.startsWith('__reactFiber$'));
  for (let fiber = key ? root[key] : null; fiber; fiber = fiber.return) {
    const app = fiber.stateNode;
    if (app && app.scene && app.state && typeof app.state.scrollX === 'number') {
      return app.scene.getNonDeletedElements().some((e) => e.type === 'text' && e.containerId === id && e.originalText === text);
    }
  }
  return false;
}
