// A browser journey's frame (run.mjs, run-dashboard.mjs): Chromium
// with the watch on console errors and failed requests, steps that each end with an axe-core check
// and a screenshot (a failed step skips the rest), and results.json for the JUnit wrapper.
//
//   AUTOGRAPH_URL, AUTOGRAPH_TEST_OUTPUT, AUTOGRAPH_CHROMIUM as for run.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { accessibilityViolations, launch, screenshots, watch } from './browser.mjs';

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Starts Chromium with one page; `expected`: the 4xx answers the journey provokes on purpose. */
export async function startJourney({ expected = [], timeout = 30_000 } = {}) {
  const base = process.env.AUTOGRAPH_URL;
  if (!base) {
    console.error('browser tests: set AUTOGRAPH_URL');
    process.exit(2);
  }
  const output = resolve(process.env.AUTOGRAPH_TEST_OUTPUT || 'test-results');
  mkdirSync(output, { recursive: true });
  const shoot = screenshots(join(output, 'screenshots'));
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  context.setDefaultTimeout(timeout);
  const page = await context.newPage();
  const problems = [];
  watch(page, problems, expected);
  const results = [];
  const axeReport = [];
  let failedBefore = null;
  const slug = (name) => name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

  async function step(name, body) {
    const started = Date.now();
    if (failedBefore) {
      results.push({ name, passed: false, ms: 0, error: `not run: the earlier step "${failedBefore}" failed` });
      return;
    }
    try {
      await body();
      const violations = await accessibilityViolations(page);
      axeReport.push({ step: name, url: page.url(), violations });
      check(violations.length === 0, `accessibility (axe-core) on ${page.url()}: ` + violations.map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`).join('; '));
      await shoot(page, slug(name));
      results.push({ name, passed: true, ms: Date.now() - started });
    } catch (error) {
      failedBefore = name;
      await shoot(page, `FAILED-${slug(name)}`).catch(() => undefined);
      results.push({ name, passed: false, ms: Date.now() - started, error: String(error.stack || error) });
    }
  }

  async function finish() {
    await browser.close();
    results.push({
      name: 'no console errors, uncaught exceptions, failed requests or server errors on any page',
      passed: problems.length === 0,
      ms: 0,
      ...(problems.length ? { error: problems.join('\n') } : {}),
    });
    writeFileSync(join(output, 'results.json'), JSON.stringify(results, null, 2));
    writeFileSync(join(output, 'axe.json'), JSON.stringify(axeReport, null, 2));
    const failed = results.filter((r) => !r.passed);
    for (const r of results) console.log(`${r.passed ? 'ok  ' : 'FAIL'} ${r.name} (${r.ms} ms)${r.passed ? '' : '\n     ' + r.error.split('\n').join('\n     ')}`);
    console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
    process.exit(failed.length ? 1 : 0);
  }

  return { base, browser, page, problems, step, finish };
}
