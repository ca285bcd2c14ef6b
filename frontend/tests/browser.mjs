// Shared by the browser tests and the benchmark: Chromium through playwright-core, a watch on
// console errors and failed requests, axe-core checks, screenshots.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function chromiumPath() {
  const path = process.env.AUTOGRAPH_CHROMIUM || '/usr/bin/chromium';
  return path;
}

export async function launch() {
  try {
    return await chromium.launch({ executablePath: chromiumPath(), headless: true });
  } catch (error) {
    throw new Error(`cannot start Chromium at ${chromiumPath()} (apt-get install chromium, or set AUTOGRAPH_CHROMIUM): ${error.message}`);
  }
}

/**
 * Records what must never happen: console errors, uncaught exceptions, requests that failed on the
 * network, server errors (5xx), and client errors (4xx) other than the ones the caller expects
 * (`expected`: [method, path regex, status] — a refused password, a thumbnail not made yet), which
 * the app handles. Chromium also logs each 4xx/5xx answer to the console ("Failed to load
 * resource"); those lines are judged by the answer's rule above, not counted twice.
 */
export function watch(page, problems, expected = []) {
  const networkLog = /^Failed to load resource: the server responded with a status of \d{3}/;
  page.on('console', (message) => {
    if (message.type() === 'error' && !networkLog.test(message.text())) problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception on ${page.url()}: ${error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // A fetch the app itself aborted (a thumbnail scrolled away, a page left) is not a failure.
    if (failure !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.method()} ${request.url()} (${failure})`);
  });
  page.on('response', (response) => {
    const status = response.status();
    if (status < 400) return;
    const method = response.request().method();
    const path = new URL(response.url()).pathname;
    if (status < 500 && expected.some(([m, p, s]) => m === method && p.test(path) && s === status)) return;
    problems.push(`${status >= 500 ? 'server error' : 'unexpected client error'}: ${status} for ${method} ${path}`);
  });
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function accessibilityViolations(page) {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
  // govern: the policy stays on, exactly as users get it.
  await page.evaluate(AXE_SOURCE + '\n;0');
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function screenshots(dir) {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, name) => {
    n += 1;
    const file = join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}
