// Comments in the journey: the owner starts a thread on a shape (a pin marks it), the second
// person, in the other browser, sees the pin arrive through the live room, opens the thread from
// it and replies with an @mention completed from the people lookup; the owner's panel shows the
// reply without a reload, a mention of someone who cannot see the file offers to share it, the
// owner's bell links to the thread's permalink, and the thread is resolved and reopened. Comments
// name their authors by their full names (which the room, naming people by their e-mail address,
// does not know), and the bell in the editor's top bar, opened from the command palette, opens a
// notification about the same diagram's thread in place, without leaving the page.

/** The 4xx answers these steps provoke on purpose (on the owner's page). */
export const EXPECTED_CLIENT_ERRORS = [
  ['POST', /^\/api\/diagrams\/comments\/[0-9a-f-]{36}\/replies$/, 422], // a mention of someone without access
];

/**
 * `page`: the owner in the editor of `fileId`, in the room; `other`: the second person (edit
 * permission), signed in, in the editor too. `drawn`: where the owner drew a rectangle, in pixels
 * of the canvas ({left, top, right, bottom} from the canvas's top left).
 */
export async function commentSteps({ page, other, step, check, BASE, fileId, password, ownerEmail, secondEmail, drawn, helpers }) {
  const { panelButton, sidePanel } = helpers;
  const otherPanelButton = (name) => other.getByRole('toolbar', { name: 'Panels' }).getByRole('button', { name, exact: true });
  const firstWords = `Should this box be the cache ${Date.now() % 100000}?`;
  let threadId = '';

  await step('comments: the owner starts a thread on the selected shape, and a pin marks the shape', async () => {
    // Still the page the rectangle was drawn on (a reload would fit the view to the content).
    check(new URL(page.url()).pathname === `/files/${fileId}`, `not in the editor: ${page.url()}`);
    const canvas = await page.locator('.excalidraw .excalidraw__canvas.interactive').boundingBox();
    // A selection box around the rectangle the owner drew in the live steps selects it alone.
    await page.mouse.move(canvas.x + drawn.left - 20, canvas.y + drawn.top - 20);
    await page.mouse.down();
    await page.mouse.move(canvas.x + drawn.right + 20, canvas.y + drawn.bottom + 20, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.press('Control+Alt+KeyM'); // the shortcut opens the comments
    const form = sidePanel().getByRole('form', { name: 'New comment' });
    const onShape = form.getByRole('radio', { name: /^the selected shape/ });
    await onShape.waitFor();
    check(await onShape.isChecked(), 'the new comment is not on the selected shape');
    await form.getByLabel('Comment', { exact: true }).fill(firstWords);
    await form.getByRole('button', { name: 'Comment', exact: true }).click();
    const focused = sidePanel().locator('article.thread-focused');
    await focused.getByText(firstWords).waitFor();
    threadId = await focused.getAttribute('data-thread-id');
    check(/^Shape /.test(await focused.getByRole('heading').innerText()), `the thread is not on a shape: ${await focused.getByRole('heading').innerText()}`);
    check(new URL(page.url()).searchParams.get('thread') === threadId, `the address does not name the thread: ${page.url()}`);
    await page.locator(`.comment-pin[data-thread-id="${threadId}"]`).waitFor();
  });

  await step('comments: the pin reaches the second person live; it opens the thread, who replies with an @mention picked from the lookup', async () => {
    // No reload: the room's `comment` message brings the thread.
    const pin = other.locator(`.comment-pin[data-thread-id="${threadId}"]`);
    await pin.waitFor();
    await pin.click();
    const thread = other.locator(`#editor-side-panel article[data-thread-id="${threadId}"]`);
    await thread.getByText(firstWords).waitFor();
    check(new URL(other.url()).searchParams.get('thread') === threadId, `the pin did not focus the thread: ${other.url()}`);
    const author = await thread.locator('.comment-meta strong').first().innerText();
    check(author === 'Browser Tester', `the owner's comment is signed "${author}", not with the owner's full name`);
    const reply = thread.getByLabel('Reply', { exact: true });
    await reply.click();
    await other.keyboard.type('Yes, ask @' + ownerEmail.slice(0, 7));
    const option = other.getByRole('listbox', { name: 'People to mention' }).getByRole('option', { name: new RegExp(ownerEmail.replace(/[.+]/g, '\\$&')) });
    await option.waitFor();
    await other.keyboard.press('Enter');
    check((await reply.inputValue()).includes(`@${ownerEmail} `), `the mention was not completed: ${await reply.inputValue()}`);
    await other.keyboard.type('about it');
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    await thread.getByText(`Yes, ask @${ownerEmail} about it`).waitFor();
    // A reaction on the owner's comment.
    await thread.locator('.react-menu summary').first().click();
    await thread.getByRole('group', { name: 'Reactions' }).first().getByRole('button', { name: 'Thumbs up' }).click();
    await thread.getByRole('button', { name: 'Thumbs up: 1, yours' }).waitFor();
  });

  await step('comments: the owner sees the reply live, edits their comment, and a mention of someone without access offers to share', async () => {
    const thread = sidePanel().locator(`article[data-thread-id="${threadId}"]`);
    await thread.getByText(`Yes, ask @${ownerEmail} about it`).waitFor();
    await thread.getByRole('button', { name: 'Thumbs up: 1' }).waitFor();
    await thread.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = thread.getByLabel('Edit your comment');
    await edit.fill(`${firstWords} (or a queue)`);
    await thread.getByRole('button', { name: 'Save', exact: true }).click();
    await thread.getByText(`${firstWords} (or a queue)`).waitFor();
    await thread.getByText('(edited)').waitFor();

    const outsider = `outsider-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
    const registered = await fetch(`${BASE}/api/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: outsider, full_name: 'Out Sider', password }),
    });
    check(registered.ok, `registering the outsider: HTTP ${registered.status}`);
    await thread.getByLabel('Reply', { exact: true }).fill(`@${outsider} what do you think?`);
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    const alert = thread.getByRole('alert');
    await alert.waitFor();
    check((await alert.innerText()).includes(outsider), `the API's detail does not name the person: ${await alert.innerText()}`);
    await thread.getByRole('button', { name: `Share the diagram with ${outsider}…` }).click();
    const dialog = page.getByRole('dialog', { name: 'Share' });
    check((await dialog.getByLabel('E-mail address').inputValue()) === outsider, 'the share dialog does not have the address');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await thread.getByLabel('Reply', { exact: true }).fill('');
  });

  await step('comments: the owner\'s bell links the mention (naming who) to the thread\'s permalink, which opens it; the editor\'s bell, from the palette, opens it in place; resolve, reopen, the filters', async () => {
    await page.goto(`${BASE}/`);
    await page.getByRole('heading', { name: 'All files' }).waitFor();
    // The dashboard counts the diagram's comments (the thread's first comment and the reply).
    await page.locator('.comment-count', { hasText: '2 comments' }).first().waitFor();
    await page.getByRole('button', { name: /^Notifications/ }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const mention = panel.getByRole('link', { name: /^You were mentioned/ }).first();
    await mention.waitFor();
    check((await mention.getAttribute('href')) === `/files/${fileId}?thread=${threadId}`, `the notification leads to ${await mention.getAttribute('href')}`);
    check((await mention.innerText()).startsWith('You were mentioned by Second Tester'), `the mention does not name who: ${await mention.innerText()}`);
    await mention.click();
    let thread = sidePanel().locator(`article.thread-focused[data-thread-id="${threadId}"]`);
    await thread.getByText(`Yes, ask @${ownerEmail} about it`).waitFor();

    // In the editor: the comments closed, the palette's "Notifications" opens the bell with the
    // focus in its list, and the mention opens the thread here (the page is not loaded again).
    await panelButton('Comments').click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('thread'));
    await page.evaluate(() => (window.__stayed = true));
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.getByRole('combobox').fill('Notifications');
    await palette.getByRole('option', { name: /^Notifications/, selected: true }).waitFor();
    await page.keyboard.press('Enter');
    const bell = page.locator('.editor-bar').getByRole('region', { name: 'Notifications' });
    await bell.waitFor();
    await page.waitForFunction(() => document.activeElement?.closest('.bell-panel') !== null);
    await bell.getByRole('link', { name: /^You were mentioned by Second Tester/ }).first().click();
    await bell.waitFor({ state: 'detached' });
    thread = sidePanel().locator(`article.thread-focused[data-thread-id="${threadId}"]`);
    await thread.getByText(`Yes, ask @${ownerEmail} about it`).waitFor();
    check(new URL(page.url()).searchParams.get('thread') === threadId, `the bell did not open the thread here: ${page.url()}`);
    check(await page.evaluate(() => window.__stayed === true), 'the bell loaded the page again instead of opening the thread in place');
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await thread.getByText('Resolved', { exact: true }).waitFor();
    await page.locator(`.comment-pin[data-thread-id="${threadId}"]`).waitFor({ state: 'detached' });
    // The second person's list follows: the resolved thread leaves their open threads.
    await other.locator(`.comment-pin[data-thread-id="${threadId}"]`).waitFor({ state: 'detached' });
    await thread.getByRole('button', { name: 'Reopen' }).click();
    await thread.getByRole('button', { name: 'Resolve' }).waitFor();
    await page.locator(`.comment-pin[data-thread-id="${threadId}"]`).waitFor();
    // The filters: resolved shows none, "mentioning me" finds the thread, search finds its words.
    await sidePanel().getByLabel('Show', { exact: true }).selectOption('resolved');
    await sidePanel().getByRole('button', { name: 'Collapse' }).click();
    await sidePanel().getByText('No comments match').waitFor();
    await sidePanel().getByLabel('Show', { exact: true }).selectOption('open');
    await sidePanel().getByLabel('Mentioning me').check();
    await sidePanel().locator(`article[data-thread-id="${threadId}"]`).waitFor();
    await sidePanel().getByLabel('Mentioning me').uncheck();
    await sidePanel().getByLabel('Search comments').fill('queue');
    await sidePanel().locator(`article[data-thread-id="${threadId}"]`).waitFor();
    await panelButton('Comments').click();
    check(await sidePanel().isHidden(), 'the comments panel stayed open');
    await otherPanelButton('Comments').click(); // the second person's panel closes too
  });
}
