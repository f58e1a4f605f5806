// What the browser test scripts (run.mjs, preview.mjs, editor.mjs) share: their `--name value`
// arguments, the list of results with its "N passed, M failed" line, the check that the test
// runs in a network namespace with loopback only, a static server for a built site on a free
// port of 127.0.0.1, and Debian's Chromium (playwright-core downloads none) with contexts in
// which every request off 127.0.0.1 is refused and recorded, or answered by the test.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// Widths (reflow) depend on the fonts: Chromium sees only the ones in .ci/fonts.conf, whatever
// else the machine has.
export const FONTS_CONF = process.env.FONTCONFIG_FILE || path.join(REPO, '.ci/fonts.conf');
/** The axe-core rules run: WCAG 2.0 and 2.1, levels A and AA. */
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's version, and the script a page evaluates to get `axe`. */
export const AXE_VERSION = require('axe-core/package.json').version;
const AXE_SRC = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** What axe-core finds against the rules of TAGS on the page, one line each. */
export async function axeViolations(page) {
  await page.evaluate(AXE_SRC);
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((x) => `${x.id} [${x.impact}] ${x.help}: ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, TAGS);
}

/** Stops the script with exit code 2 (not a test failure: it cannot run) unless `ok`. */
export function need(ok, message) {
  if (ok) return;
  console.error(message);
  process.exit(2);
}

/** The output folder, emptied, with its screenshots/ folder. */
export function freshOut(out) {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'screenshots'), { recursive: true });
}

/** The command line's `--name value` pairs. */
export function parseArgs(argv = process.argv) {
  const args = {};
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) args[a.slice(2)] = argv[++i];
  }
  return args;
}

/**
 * A list of results: `record` one, `check` a (possibly async) function that passes unless it
 * throws or returns false (its time in the name), `expect` throws with a message, `finish`
 * writes --out/results.json (when given an out folder), prints "N passed, M failed" and exits.
 * With `only`, a check whose name does not contain it is not run.
 */
export function results({ only } = {}) {
  const list = [];
  function record(name, ok, detail) {
    list.push({ name, ok, detail: ok ? undefined : String(detail ?? '') });
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n     ${String(detail).replace(/\n/g, '\n     ')}`}`);
  }
  async function check(name, fn) {
    if (only && !name.includes(only)) return;
    const t0 = Date.now();
    const label = () => `${name} [${((Date.now() - t0) / 1000).toFixed(1)} s]`;
    try {
      const r = await fn();
      record(label(), r !== false, 'returned false');
    } catch (e) {
      record(label(), false, e && e.message ? e.message.split('\n').slice(0, 14).join('\n') : e);
    }
  }
  function expect(cond, msg) { if (!cond) throw new Error(msg); }
  function finish(out, extra = {}) {
    const passed = list.filter((r) => r.ok).length;
    const failed = list.length - passed;
    if (out) fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify({ ...extra, results: list }, null, 2));
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }
  return { results: list, record, check, expect, finish };
}

/**
 * Whether the machine has no network interface but loopback (said on the console; with CI set,
 * a result). Requests off 127.0.0.1 are refused or answered by the test either way.
 */
export function loopbackOnly(record) {
  const ifaces = Object.keys(os.networkInterfaces()).filter((n) => n !== 'lo');
  const isolated = ifaces.length === 0;
  console.log(`network: ${isolated ? 'loopback-only namespace' : `NOT isolated (interfaces: ${ifaces.join(', ')}); requests are still refused or answered by the test`}`);
  if (process.env.CI) record('network: the browser runs in a loopback-only namespace', isolated, `interfaces: ${ifaces.join(', ')}`);
  return isolated;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.xml': 'application/xml', '.ics': 'text/calendar; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf', '.webp': 'image/webp', '.yml': 'text/yaml; charset=utf-8',
};

/**
 * Serves the folder `root` on a free port of 127.0.0.1, as a host serves a built site: a folder
 * by its index.html (a folder's address without its slash redirected), a missing file by
 * 404.html with status 404. Pages (not those of /admin/) carry the `csp` header when given.
 * Returns the server and its origin.
 */
export async function serveStatic(root, { csp } = {}) {
  const policy = (p) => (csp && !p.startsWith('/admin/') ? { 'Content-Security-Policy': csp } : {});
  const server = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); } catch { res.writeHead(400); return res.end(); }
    let file = path.normalize(path.join(root, p));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    try {
      let st = fs.statSync(file);
      if (st.isDirectory()) {
        if (!p.endsWith('/')) { res.writeHead(301, { Location: p + '/' }); return res.end(); }
        file = path.join(file, 'index.html');
        st = fs.statSync(file);
      }
      const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type, ...(type.startsWith('text/html') ? policy(p) : {}) });
      fs.createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', ...policy(p) });
      res.end(fs.existsSync(path.join(root, '404.html')) ? fs.readFileSync(path.join(root, '404.html')) : 'not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/**
 * Debian's Chromium, headless, showing only the fonts of .ci/fonts.conf, resolving no name but
 * 127.0.0.1 and making no requests of its own. playwright's launch() starts it with a fresh
 * temporary --user-data-dir, removed on close.
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF },
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-extensions', '--disable-domain-reliability', '--no-pings',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** Whether a request stays on this machine (127.0.0.1, or a data:, blob: or about: address). */
export function onLoopback(url) {
  try {
    const u = new URL(url);
    return ['data:', 'blob:', 'about:'].includes(u.protocol) || u.hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/**
 * A browser context (service workers blocked; `timeout` for every wait) in which each request
 * off 127.0.0.1 is answered by `answer(url)` when it gives a response (`route.fulfill`'s
 * options), else refused and given to `refused(url)`.
 */
export async function loopbackContext(browser, options, { timeout, refused, answer = () => null }) {
  const ctx = await browser.newContext({ serviceWorkers: 'block', ...options });
  ctx.setDefaultTimeout(timeout);
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (onLoopback(url)) return route.continue();
    const a = answer(url);
    if (a) return route.fulfill(a);
    refused(url);
    return route.abort('blockedbyclient');
  });
  return ctx;
}

/**
 * A full-page screenshot of `page` into `file` once its fonts are in: what run.mjs keeps of each
 * template and scripts/screenshots takes for people to look at. With `settle`, first until its
 * scripts have settled (no request for half a second, at most 5 s).
 */
export async function shoot(page, file, { settle = false } = {}) {
  if (settle) await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
  await page.evaluate(() => document.fonts.ready.then(() => true));
  await page.screenshot({ path: file, fullPage: true });
}

/**
 * Records the layout shifts of `page` from its first paint, with the state script's request held
 * back 400 ms (as on a slow network, so that a browser that may paint before the script has run
 * does). Read them with `shiftsOf`; `page.unrouteAll({ behavior: 'wait' })` before closing.
 */
export async function watchShifts(page) {
  await page.route(/\/assets\/prospectus[^/]*\.js$/, async (route) => { await new Promise((r) => setTimeout(r, 400)); await route.continue(); });
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (!e.hadRecentInput) window.__shifts.push([e.value, e.sources.map((x) => (x.node ? `${x.node.nodeName}.${x.node.className || ''}` : '?')).join(' ')]);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The shifts `watchShifts` recorded: their sum (`cls`) and each `[value, elements moved]`. */
export async function shiftsOf(page) {
  const shifts = await page.evaluate(() => window.__shifts);
  return { cls: shifts.reduce((a, x) => a + x[0], 0), shifts };
}
