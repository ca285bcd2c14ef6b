// The browser tests: a person's journey through the app in Chromium, against a running platform.
//
//   AUTOGRAPH_URL        the gateway, e.g. http://127.0.0.1:8080 (required)
//   AUTOGRAPH_MAIL_URL   a service answering GET /links?email=&kind= with the tokens of the links
//                        mailed so far (the JUnit wrapper's GreenMail); or
//   AUTOGRAPH_MAIL_LOG   auth-service's log, where it writes the mails when it has no SMTP server
//                        (./autograph up: .autograph/logs/auth-service.log)
//   AUTOGRAPH_TEST_OUTPUT  where screenshots and results.json go (default test-results/)
//   AUTOGRAPH_CHROMIUM   the browser (default /usr/bin/chromium)
//
// Each step is one test in results.json ({name, passed, ms, error}); platform-tests'
// BrowserAppTest runs this and reports every step to Surefire. A step fails on its own assertion,
// on a serious or critical axe-core violation of the page it ends on, and the last test fails on
// any console error, uncaught exception, failed request or server error seen anywhere.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { check, startJourney } from './journey.mjs';
import { editorSteps, EXPECTED_CLIENT_ERRORS as EDITOR_CLIENT_ERRORS } from './steps/editor.mjs';
import { EXPECTED_CLIENT_ERRORS as COMMENT_CLIENT_ERRORS } from './steps/comments.mjs';
import { panelSteps } from './steps/panels.mjs';

const BASE = required('AUTOGRAPH_URL');
const MAIL = process.env.AUTOGRAPH_MAIL_URL;
const MAIL_LOG = process.env.AUTOGRAPH_MAIL_LOG;
if (!MAIL && !MAIL_LOG) required('AUTOGRAPH_MAIL_URL');
const PASSWORD = 'a long test password 1';
const NEW_PASSWORD = 'another long password 2';
const STEP_TIMEOUT = 30_000; // a login is a BCrypt hash: seconds on a busy 2-core machine

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`browser tests: set ${name}`);
    process.exit(2);
  }
  return value;
}

/** The token of the nth link of a kind (verify-email, reset-password) mailed to the address. */
async function mailedToken(email, kind, nth = 1) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const tokens = MAIL
      ? await (await fetch(`${MAIL}/links?email=${encodeURIComponent(email)}&kind=${kind}`)).json()
      : tokensInLog(email, kind);
    if (tokens.length >= nth) return tokens[nth - 1];
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${kind} mail #${nth} reached ${email} within 60 s`);
}

/** The tokens of the mails auth-service wrote to its log ("Mail to <address> — <subject>\n<body>"). */
function tokensInLog(email, kind) {
  const tokens = [];
  for (const line of readFileSync(MAIL_LOG, 'utf8').split('\n')) {
    let message = line;
    try {
      message = JSON.parse(line).message ?? line;
    } catch {
      // a plain-text line
    }
    if (!message.startsWith(`Mail to ${email} `)) continue;
    const link = new RegExp(`/${kind}\\?token=([A-Za-z0-9_.-]+)`).exec(message);
    if (link) tokens.push(link[1]);
  }
  return tokens;
}

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 (SHA-1, 6 digits, 30 s), as an authenticator app computes it. */
function totp(secret, at = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const hash = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// The 4xx answers this journey provokes on purpose, or that the app expects and handles.
const { page, browser, problems, step, finish } = await startJourney({
  timeout: STEP_TIMEOUT,
  expected: [
    ['POST', /^\/api\/auth\/register$/, 422], // the too-short password
    ['POST', /^\/api\/auth\/login$/, 401], // the wrong password
    ['GET', /^\/api\/export\/thumbnails\/[0-9a-f-]+$/, 404], // thumbnail_not_ready: made ~2 s after a change
    ...EDITOR_CLIENT_ERRORS,
    ...COMMENT_CLIENT_ERRORS,
  ],
});

const sidebar = () => page.getByRole('navigation', { name: 'Views and folders' });

const email = `browser-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
const title = `Payment flow ${Date.now() % 100000}`;
let backupCodes = [];

await step('a signed-out visitor of the dashboard is sent to log in', async () => {
  await page.goto(`${BASE}/`);
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  check(new URL(page.url()).pathname === '/login', `expected /login, at ${page.url()}`);
});

await step('sign up shows the rule a refused password broke, then creates the account', async () => {
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Full name').fill('Browser Tester');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  check(/12 characters/i.test(await alert.innerText()), `expected the password rule, got: ${await alert.innerText()}`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'All files' }).waitFor();
  await page.getByText('No diagrams yet').waitFor();
  await page.getByText('Please verify your e-mail address').waitFor();
});

await step('the mailed link verifies the e-mail address', async () => {
  const token = await mailedToken(email, 'verify-email');
  await page.goto(`${BASE}/verify-email?token=${encodeURIComponent(token)}`);
  await page.getByText('Your e-mail address is verified.').waitFor();
  await page.getByRole('link', { name: 'Go to your diagrams' }).click();
  await page.getByRole('heading', { name: 'All files' }).waitFor();
  await page.getByText('Please verify your e-mail address').waitFor({ state: 'detached' });
});

await step('log out, then log in (a wrong password shows the server\'s explanation)', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Log in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  check((await alert.innerText()).length > 10, 'no explanation for the refused login');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'All files' }).waitFor();
});

await step('create a diagram: it opens, and appears in the dashboard', async () => {
  await page.getByRole('button', { name: 'New diagram' }).click();
  const dialog = page.getByRole('dialog', { name: 'New diagram' });
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
  check(/^\/files\/[0-9a-f-]{36}$/.test(new URL(page.url()).pathname), `expected /files/{id}, at ${page.url()}`);
  await page.getByRole('link', { name: '← All files' }).click();
  await page.getByRole('link', { name: title, exact: true }).waitFor();
});

await step('star it: it is in the starred view', async () => {
  await page.getByRole('button', { name: `Star ${title}` }).click();
  await page.locator(`button[aria-label="Star ${title}"][aria-pressed="true"]`).waitFor();
  await sidebar().getByRole('link', { name: 'Starred' }).click();
  await page.getByRole('heading', { name: 'Starred' }).waitFor();
  await page.getByRole('link', { name: title, exact: true }).waitFor();
});

await step('search finds it by a word of its title, with the match highlighted', async () => {
  await page.keyboard.press('/');
  await page.getByLabel('Search diagrams').fill('payment');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Results for “payment”' }).waitFor();
  await page.getByRole('link', { name: title, exact: true }).waitFor();
  await page.locator('mark', { hasText: /payment/i }).first().waitFor();
  await page.getByLabel('Search diagrams').fill('zzqxv nothing like this');
  await page.keyboard.press('Enter');
  await page.getByText('Nothing found').waitFor();
});

await step('delete it: it leaves the dashboard for the trash', async () => {
  await sidebar().getByRole('link', { name: 'All files' }).click();
  await page.getByRole('button', { name: `Delete ${title}` }).click();
  await page.getByText('No diagrams yet').waitFor();
  await sidebar().getByRole('link', { name: 'Trash' }).click();
  await page.getByRole('heading', { name: 'Trash' }).waitFor();
  await page.getByRole('link', { name: title, exact: true }).waitFor();
});

await step('restore it from the trash', async () => {
  await page.getByRole('button', { name: `Restore ${title}` }).click();
  await page.getByText('The trash is empty').waitFor();
  await sidebar().getByRole('link', { name: 'All files' }).click();
  await page.getByRole('link', { name: title, exact: true }).waitFor();
});

await step('folders: a new one opens empty, with breadcrumbs, and is in the folder tree', async () => {
  await page.getByRole('button', { name: 'New folder' }).click();
  const dialog = page.getByRole('dialog', { name: 'New folder' });
  await dialog.getByLabel('Name').fill('Architecture');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: 'Architecture' }).waitFor();
  await page.getByText('This folder is empty').waitFor();
  await sidebar().getByRole('link', { name: 'Architecture' }).waitFor();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByText('Architecture').waitFor();
});

await step('rename, list view and dark mode', async () => {
  await sidebar().getByRole('link', { name: 'All files' }).click();
  await page.getByRole('button', { name: `Rename ${title}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename' });
  await dialog.getByLabel('Title').fill(`${title} v2`);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('link', { name: `${title} v2`, exact: true }).waitFor();
  await page.getByRole('button', { name: 'List' }).click();
  await page.getByRole('table').getByRole('link', { name: `${title} v2`, exact: true }).waitFor();
  await page.getByRole('button', { name: /^Theme:/ }).click();
  check((await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark', 'the theme did not turn dark');
});

await panelSteps({ page, browser, step, check, BASE, title: `${title} v2`, email, password: PASSWORD, problems, mailedToken });

await step('settings in dark mode: sessions, and an API key created and revoked', async () => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings' }).waitFor();
  await page.getByText('(this session)').waitFor();
  await page.getByLabel('Key name').fill('ci pipeline');
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = await page.locator('code.secret').innerText();
  check(/^ag_/.test(key), `the new key is not shown (got "${key}")`);
  const me = await fetch(`${BASE}/api/auth/me`, { headers: { 'X-API-Key': key } });
  check(me.status === 200, `the new key does not work: ${me.status}`);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Revoke ci pipeline' }).click();
  await page.getByText(/^Revoked/).waitFor();
  const after = await fetch(`${BASE}/api/auth/me`, { headers: { 'X-API-Key': key } });
  check(after.status === 401, `the revoked key still works: ${after.status}`);
});

await step('two-factor authentication: enrol with an authenticator code, get backup codes', async () => {
  await page.getByRole('button', { name: /^Theme:/ }).click(); // dark -> light
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByText('Two-factor authentication is on.').waitFor();
  backupCodes = await page.locator('.codes code').allInnerTexts();
  check(backupCodes.length === 10, `expected 10 backup codes, got ${backupCodes.length}`);
});

await step('log in again with a backup code as the second factor', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
  await page.getByRole('button', { name: 'Use a backup code instead' }).click();
  await page.getByLabel('Backup code').fill(backupCodes[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'All files' }).waitFor();
});

await step('a session on another device can be ended from settings', async () => {
  const other = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'second-device' },
    body: JSON.stringify({ email, password: PASSWORD }),
  }).then((r) => r.json());
  check(other.mfa_required, 'the second login was not asked for a second factor');
  const verified = await fetch(`${BASE}/api/auth/mfa/verify`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'second-device' },
    body: JSON.stringify({ mfa_token: other.mfa_token, code: backupCodes[2] }),
  });
  check(verified.status === 200, `the second device's backup code was refused: ${verified.status}`);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByText('(this session)').waitFor();
  const before = await page.getByRole('button', { name: /^End session/ }).count();
  check(before >= 1, 'the first session is not listed beside this one');
  await page.getByRole('button', { name: /^End session/ }).first().click();
  await page.waitForFunction((n) => document.querySelectorAll('button[aria-label^="End session"]').length === n - 1, before);
});

await step('forgotten password: request, mailed link, new password, log in with it', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByText('a link to choose a new password is on its way').waitFor();
  const token = await mailedToken(email, 'reset-password');
  await page.goto(`${BASE}/reset-password?token=${encodeURIComponent(token)}`);
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password is changed').waitFor();
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Use a backup code instead' }).click();
  await page.getByLabel('Backup code').fill(backupCodes[1]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('link', { name: `${title} v2`, exact: true }).waitFor();
});

await editorSteps({ page, step, check, base: BASE });

await step('log out ends the session', async () => {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.goto(`${BASE}/settings`);
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  check(new URL(page.url()).searchParams.get('next') === '/settings', `expected to come back to /settings, at ${page.url()}`);
});

await finish();
