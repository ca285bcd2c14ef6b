// Pictures on the canvas and the editor's command palette (run-dashboard.mjs calls these signed in):
// an imported file's stored picture (upload:<key>) fetched with the person's credential and drawn
// on the canvas; pictures pasted on the canvas stored first (POST …/uploads, one over 1.5 MB too)
// so that saves name them and never carry them, and drawn again after a reload; the share-link page
// drawing the stored pictures through the link; and the palette inside
// the editor (jump to a shape by its label, export, code view, dark mode, dashboard) while
// Excalidraw's own shortcuts keep working (Ctrl+K on one selected shape adds a link; R draws). A
// picture counts as shown when its colour is on the canvas's pixels. Every wait is on an element,
// a network answer or a pixel, never a sleep.
import { check } from '../journey.mjs';

const FILE_SAVE = /^\/api\/diagrams\/([0-9a-f-]{36})$/;

/** A PNG of one colour, made by the page's own canvas (data URL). */
const solidPng = (page, colour, width, height) =>
  page.evaluate(
    ([fill, w, h]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const context = canvas.getContext('2d');
      context.fillStyle = fill;
      context.fillRect(0, 0, w, h);
      return canvas.toDataURL('image/png');
    },
    [colour, width, height],
  );

/** Waits until at least `min` pixels of `rgb` are on one of Excalidraw's canvases. */
const colourOnCanvas = (page, rgb, min = 400) =>
  page.waitForFunction(
    ([[r, g, b], least]) => {
      for (const canvas of document.querySelectorAll('.excalidraw canvas')) {
        if (!canvas.width || !canvas.height) continue;
        const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        if (!data) continue;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (Math.abs(data[i] - r) < 10 && Math.abs(data[i + 1] - g) < 10 && Math.abs(data[i + 2] - b) < 10 && ++n >= least) return true;
        }
      }
      return false;
    },
    [rgb, min],
    { polling: 250 },
  );

export async function pictureSteps({ page, step, base, token }) {
  const suffix = Date.now() % 100000;
  const caption = `Billing service ${suffix}`;
  let fileId = '';
  let key = '';
  const answered = (method, path, status = 200) =>
    page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === path && r.status() === status, { timeout: 60_000 });
  const canvasBox = async () => {
    const box = await page.locator('.excalidraw .excalidraw__canvas.interactive').boundingBox();
    check(box, 'the canvas has no size');
    return box;
  };
  const palette = () => page.getByRole('dialog', { name: 'Command palette' });
  const runCommand = async (words, option) => {
    await palette().getByRole('combobox').fill(words);
    // The wanted command is the active one (the list has been filtered), so Enter runs it.
    await palette().getByRole('option', { name: option, selected: true }).waitFor();
    await page.keyboard.press('Enter');
    await palette().waitFor({ state: 'hidden' });
  };

  await step('pictures: an imported picture is stored, fetched with the credential and drawn on the canvas', async () => {
    // Light theme: the pixels below are the picture's own colours (dark mode filters the canvas).
    await page.evaluate(() => localStorage.setItem('autograph.theme', 'light'));
    const magenta = await solidPng(page, '#ff00ff', 120, 80);
    const scene = {
      type: 'excalidraw',
      version: 2,
      elements: [
        { id: 'pic', type: 'image', x: 0, y: 0, width: 240, height: 160, fileId: 'f1', status: 'saved' },
        { id: 'caption', type: 'text', x: 0, y: 200, width: 220, height: 25, text: caption },
      ],
      files: { f1: { id: 'f1', mimeType: 'image/png', created: 1, dataURL: magenta } },
    };
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(scene)], { type: 'application/json' }), `Picture ${suffix}.excalidraw`);
    const imported = await fetch(`${base}/api/diagrams/import`, { method: 'POST', headers: { Authorization: `Bearer ${token()}` }, body: form });
    check(imported.status === 201, `the import answered ${imported.status}: ${await imported.clone().text()}`);
    const file = await imported.json();
    fileId = file.id;
    const src = file.canvas_data.shapes.find((s) => s.type === 'image')?.src ?? '';
    check(src.startsWith('upload:'), `the picture was not stored: src ${src.slice(0, 40)}`);
    key = src.slice('upload:'.length);

    const served = answered('GET', `/api/diagrams/${fileId}/uploads/${key}`);
    await page.goto(`${base}/files/${fileId}`);
    const response = await served;
    check((response.request().headers().authorization ?? '').startsWith('Bearer '), 'the picture was fetched without the credential');
    await colourOnCanvas(page, [255, 0, 255]);
    await page.getByText('All changes saved').waitFor();
  });

  /** Pastes a PNG (data URL) where the pointer is, as a person's Ctrl+V of a copied picture does. */
  const paste = (dataUrl) =>
    page.evaluate((url) => {
      const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, dataUrl);
  /** Every save's body while `body` runs: none may carry a picture's bytes. */
  const savesDuring = async (body) => {
    const saves = [];
    const listen = (request) => {
      if (request.method() === 'PATCH' && FILE_SAVE.test(new URL(request.url()).pathname)) saves.push(request.postData() ?? '');
    };
    page.on('request', listen);
    try {
      await body();
    } finally {
      page.off('request', listen);
    }
    const inline = saves.find((save) => save.includes('data:image'));
    check(!inline, `a save carried a picture inline: ${String(inline).slice(0, 120)}`);
    return saves;
  };
  /** The save whose document has `count` pictures, each named by its stored key. */
  const savedWithPictures = (count) =>
    page.waitForResponse((r) => {
      if (r.request().method() !== 'PATCH' || !FILE_SAVE.test(new URL(r.url()).pathname) || r.status() !== 200) return false;
      const images = (JSON.parse(r.request().postData() ?? '{}').canvas_data?.shapes ?? []).filter((s) => s.type === 'image');
      return images.length === count && images.every((s) => String(s.src).startsWith('upload:'));
    }, { timeout: 60_000 });

  await step('pictures: a picture pasted on the canvas is stored first, and the saved diagram names it, never holds it', async () => {
    const green = await solidPng(page, '#00c800', 100, 60);
    const box = await canvasBox();
    // Focus and pointer on an empty part of the canvas: Excalidraw pastes there.
    await page.mouse.click(box.x + box.width - 250, box.y + box.height - 200);
    await savesDuring(async () => {
      const uploaded = answered('POST', `/api/diagrams/${fileId}/uploads`, 201);
      const saved = savedWithPictures(2);
      await paste(green);
      const picture = await (await uploaded).json();
      check(picture.media_type === 'image/png' && picture.width === 100 && picture.height === 60, `the upload answered ${JSON.stringify(picture)}`);
      const doc = JSON.parse((await saved).request().postData()).canvas_data;
      const sources = doc.shapes.filter((s) => s.type === 'image').map((s) => s.src);
      check(sources.includes(`upload:${key}`), `the imported picture's reference changed: ${sources.join(', ')}`);
      check(sources.includes(`upload:${picture.key}`), `the pasted picture is not named by its key: ${sources.join(', ')}`);
      await page.getByText('All changes saved').waitFor();
    });

    const loaded = answered('GET', `/api/diagrams/${fileId}`);
    await page.reload();
    const reloaded = (await (await loaded).json()).canvas_data;
    check(reloaded.shapes.filter((s) => s.type === 'image').length === 2, `after the reload: ${reloaded.shapes.map((s) => s.type).join(', ')}`);
    await colourOnCanvas(page, [0, 200, 0]);
    await colourOnCanvas(page, [255, 0, 255]);
  });

  await step('pictures: a pasted picture over 1.5 MB (too large to travel inline) is uploaded while the page says so, saved and drawn after a reload', async () => {
    // Blue above, noise below (which no compression shrinks): about 2 MB of PNG, under
    // Excalidraw's own 1440-pixel and 4 MB limits for pasted pictures.
    const large = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 900;
      canvas.height = 1200;
      const context = canvas.getContext('2d');
      context.fillStyle = '#0000ff';
      context.fillRect(0, 0, 900, 500);
      const noise = context.createImageData(900, 700);
      for (let i = 0; i < noise.data.length; i += 4) {
        noise.data[i] = (Math.random() * 256) | 0;
        noise.data[i + 1] = (Math.random() * 256) | 0;
        noise.data[i + 2] = (Math.random() * 256) | 0;
        noise.data[i + 3] = 255;
      }
      context.putImageData(noise, 0, 500);
      return canvas.toDataURL('image/png');
    });
    const bytes = Math.floor(((large.length - large.indexOf(',') - 1) * 3) / 4);
    check(bytes > 1.5 * 1024 * 1024, `the picture has only ${bytes} bytes`);
    // Whether the page ever said it was uploading (the state lasts as long as the upload).
    await page.evaluate(() => {
      const status = document.querySelector('[data-save-state]');
      window.__sawUploading = false;
      new MutationObserver(() => {
        if (status?.getAttribute('data-save-state') === 'uploading') window.__sawUploading = true;
      }).observe(status, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    const box = await canvasBox();
    await page.mouse.click(box.x + 160, box.y + box.height - 160);
    let picture;
    await savesDuring(async () => {
      const uploaded = answered('POST', `/api/diagrams/${fileId}/uploads`, 201);
      const saved = savedWithPictures(3);
      await paste(large);
      picture = await (await uploaded).json();
      check(picture.bytes > 1.5 * 1024 * 1024, `the stored picture has ${picture.bytes} bytes`);
      await saved;
      await page.getByText('All changes saved').waitFor();
    });
    check(await page.evaluate(() => window.__sawUploading), 'the page never said a picture was being uploaded');

    const loaded = answered('GET', `/api/diagrams/${fileId}`);
    const served = answered('GET', `/api/diagrams/${fileId}/uploads/${picture.key}`);
    await page.reload();
    const reloaded = (await (await loaded).json()).canvas_data;
    check(reloaded.shapes.some((s) => s.type === 'image' && s.src === `upload:${picture.key}`), 'the large picture is not in the saved diagram');
    await served;
    await colourOnCanvas(page, [0, 0, 255]);
  });

  await step('pictures: the share-link page draws the stored picture, fetched through the link', async () => {
    const created = await fetch(`${base}/api/diagrams/${fileId}/links`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ permission: 'view' }),
    });
    check(created.status === 201, `creating the link answered ${created.status}`);
    const link = await created.json();
    const served = answered('GET', `/api/diagrams/links/${link.token}/uploads/${key}`);
    await page.goto(`${base}/s/${link.token}`);
    await served;
    // The imported picture and the two pasted ones, each fetched through the link.
    await page.waitForFunction(() => document.querySelectorAll('svg.document-drawing image[href^="data:image/png"]').length === 3, null, { timeout: 30_000 });
  });

  await step('the command palette inside the editor jumps to a shape, opens export and the code view, switches dark mode', async () => {
    await page.goto(`${base}/files/${fileId}`);
    await page.locator('.excalidraw .excalidraw__canvas.interactive').waitFor();
    await page.getByText('All changes saved').waitFor();
    await page.keyboard.press('Control+k');
    await runCommand(caption.toLowerCase(), `Go to shape: ${caption}`);
    // One shape selected on the canvas: Ctrl+K is Excalidraw's own "add link" there, not the palette.
    await page.keyboard.press('Control+k');
    const linkInput = page.locator('.excalidraw-hyperlinkContainer-input');
    await linkInput.waitFor();
    check(!(await palette().isVisible()), "the palette took Excalidraw's Ctrl+K");
    await page.keyboard.press('Escape');
    await linkInput.waitFor({ state: 'hidden' });
    // The shape is selected: the export dialog (from the palette, by the button) offers it alone.
    await page.getByRole('button', { name: 'Commands' }).click();
    await runCommand('export', /^Export…/);
    const exporting = page.getByRole('dialog', { name: /Export/ });
    await exporting.getByText('selected shapes (1)').waitFor();
    await page.keyboard.press('Escape');
    await exporting.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Commands' }).click();
    await runCommand('show code', /Show the code view/);
    await page.getByRole('region', { name: 'Code' }).waitFor();
    await page.getByRole('button', { name: 'Commands' }).click();
    await runCommand('dark mode', /Switch to dark mode/);
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.getByRole('button', { name: 'Commands' }).click();
    await runCommand('light mode', /Switch to light mode/);
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.getByRole('button', { name: 'Commands' }).click();
    await runCommand('hide code', /Hide the code view/);
    await page.getByRole('region', { name: 'Code' }).waitFor({ state: 'hidden' });
  });

  await step('after the palette, Excalidraw\'s own shortcuts still draw (R, then a drag) and the palette goes to the dashboard', async () => {
    const box = await canvasBox();
    // An empty part of the canvas, clear of Excalidraw's panels (styles on the left, zoom below).
    await page.mouse.click(box.x + 700, box.y + 560);
    const saved = page.waitForResponse((r) => {
      if (r.request().method() !== 'PATCH' || !FILE_SAVE.test(new URL(r.url()).pathname) || r.status() !== 200) return false;
      return (JSON.parse(r.request().postData() ?? '{}').canvas_data?.shapes ?? []).some((s) => s.type === 'rectangle');
    });
    await page.keyboard.press('r');
    await page.mouse.move(box.x + 720, box.y + 520);
    await page.mouse.down();
    await page.mouse.move(box.x + 780, box.y + 560, { steps: 4 });
    await page.mouse.move(box.x + 840, box.y + 600, { steps: 4 });
    await page.mouse.up();
    await saved;
    await page.getByText('All changes saved').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Commands' }).click();
    await runCommand('dashboard', /Go to the dashboard/);
    await page.getByRole('heading', { name: 'All files' }).waitFor();
  });
}
