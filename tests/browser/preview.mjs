#!/usr/bin/env node
// Test of `prospectus serve`'s error overlay (docs/authors.md "Preview while writing") in Debian's
// Chromium (playwright-core), on a temporary copy of the example site served by the prospectus
// binary: a half-filled `prospectus new notice` puts the overlay on a course page, which reloads
// by itself; axe-core (WCAG 2.0/2.1 A and AA) passes on the page with the overlay; the overlay is
// in English (lang="en") and announced (role="alert"); its buttons are reached with Tab, "Copy
// path" copies the file's path and says so in a status line, "Hide this box" hides it; once the
// notice is removed the page reloads without the overlay. Screenshots go to --out. Nothing leaves
// 127.0.0.1 (run it in a loopback-only network namespace, see .ci/run).
//
// usage: node tests/browser/preview.mjs --bin target/release/prospectus --out target/ci-preview
//                                       [--site .] [--now 2025-08-20T10:00:00Z]
// Last line: "N passed, M failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { parseArgs, need, freshOut, results as newResults, launchChromium, loopbackContext, axeViolations, REPO } from './lib.mjs';

const args = parseArgs();
const BIN = path.resolve(args.bin || path.join(REPO, 'target/release/prospectus'));
const SITE = path.resolve(args.site || REPO);
const OUT = path.resolve(args.out || path.join(REPO, 'target/ci-preview'));
const NOW = args.now || '2025-08-20T10:00:00Z';
const NOTICE = 'content/notices/half-filled.md';
const COURSE_URL = '/en/courses/introduction-labour-standards/';

need(fs.existsSync(BIN), `preview.mjs: no prospectus binary at ${BIN} (cargo build --release)`);
freshOut(OUT);

const { check, expect, finish } = newResults();

// ---- the copy of the site and its server ----------------------------------------------------
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'prospectus-preview-'));
const COPY = path.join(WORK, 'site');
for (const part of ['site.toml', 'content', 'data']) {
  fs.cpSync(path.join(SITE, part), path.join(COPY, part), { recursive: true });
}
const server = spawn(BIN, ['serve', '--root', COPY, '--port', '0', '--now', NOW], { stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
server.stderr.on('data', (b) => { log += b; });
const ORIGIN = await new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 60000);
  server.stdout.on('data', (b) => {
    log += b;
    const m = /Serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
    if (m) { clearTimeout(t); resolve(m[1]); }
  });
});
const stop = () => { try { server.kill(); } catch { /* gone */ } };
process.on('exit', stop);

// ---- browser --------------------------------------------------------------------------------
const browser = await launchChromium();
const problems = [];
const ctx = await loopbackContext(browser, { viewport: { width: 1280, height: 900 } },
  { timeout: 30000, refused: (u) => problems.push(`request off 127.0.0.1: ${u}`) });
await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
const page = await ctx.newPage();
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 300)}`); });
page.on('pageerror', (e) => problems.push(`uncaught ${String(e).slice(0, 300)}`));
const shot = (name) => page.screenshot({ path: path.join(OUT, 'screenshots', `${name}.png`) });

await page.goto(ORIGIN + COURSE_URL, { waitUntil: 'load' });
await check('the course page is served without an overlay', async () => {
  expect(await page.locator('#prospectus-overlay').count() === 0, 'an overlay on a good site');
});

const made = spawnSync(BIN, ['new', 'notice', 'half-filled', '--root', COPY], { encoding: 'utf8' });
await check('a half-filled notice: the open page reloads by itself with the overlay', async () => {
  expect(made.status === 0, made.stderr);
  await page.waitForSelector('#prospectus-overlay', { timeout: 30000 });
  await page.waitForLoadState('load');
  const text = await page.locator('#prospectus-overlay').innerText();
  expect(text.includes(`${NOTICE}:2`), `file:line in\n${text}`);
  expect(text.includes('How to fix it:'), `a hint in\n${text}`);
  expect(await page.locator('h1').first().innerText() !== '', 'the page underneath');
});
await check('the overlay is in English and announced (lang, role)', async () => {
  const box = page.locator('#prospectus-overlay');
  expect(await box.getAttribute('lang') === 'en', 'lang="en"');
  expect(await box.getAttribute('role') === 'alert', 'role="alert"');
  expect(await box.getAttribute('aria-labelledby') === 'prospectus-overlay-title', 'labelled by its heading');
});
await check('axe (WCAG 2.0/2.1 A and AA) on the page with the overlay', async () => {
  const v = await axeViolations(page);
  expect(v.length === 0, v.join('\n'));
});
await shot('overlay-1280');
await page.setViewportSize({ width: 360, height: 740 });
await shot('overlay-360');
await page.setViewportSize({ width: 1280, height: 900 });

await check('Tab reaches "Copy path"; Enter copies the path and says so', async () => {
  let inBox = false;
  for (let i = 0; i < 400 && !inBox; i++) {
    await page.keyboard.press('Tab');
    inBox = await page.evaluate(() => !!document.activeElement?.closest('#prospectus-overlay button[data-path]'));
  }
  expect(inBox, 'no "Copy path" button reached with Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline !== 'none', 'a visible focus outline');
  await shot('overlay-focus');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#prospectus-overlay .prospectus-status')?.textContent.startsWith('Copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied === NOTICE, `clipboard: ${copied}`);
});
await check('"Hide this box" hides the overlay', async () => {
  await page.locator('#prospectus-overlay .prospectus-hide').focus();
  await page.keyboard.press('Enter');
  expect(await page.locator('#prospectus-overlay').isHidden(), 'still shown');
});
await check('fixed (the notice removed): the page reloads by itself without the overlay', async () => {
  fs.rmSync(path.join(COPY, NOTICE));
  await page.waitForSelector('#prospectus-overlay', { state: 'detached', timeout: 30000 });
  await page.waitForLoadState('load');
  expect(await page.locator('h1').count() === 1, 'the page');
});
await check('no console errors, no request off 127.0.0.1', async () => {
  expect(problems.length === 0, problems.join('\n'));
});

await browser.close();
stop();
fs.rmSync(WORK, { recursive: true, force: true });
finish();
