#!/usr/bin/env node
// Browser tests of a built site (the example site, built by .ci/run into target/ci-public):
// serves it on 127.0.0.1 (a free port), drives Debian's Chromium through playwright-core (which
// downloads no browser) and checks, in every language of the site:
//   - axe-core (WCAG 2.0/2.1 A and AA) on every template: home, catalogue (filtered and not),
//     topic, course, calendar, notices, notice, page, search, 404, language chooser;
//   - reflow: no horizontal scrolling at 320 px (= 400 % zoom of a 1280 px window), a course
//     given several times included; text in the other direction keeps the page's alignment; a
//     course page's key facts stand beside its title at 1280 px; the chooser's links align alike;
//   - keyboard: the skip link is the first stop, visible, and moves focus to the content;
//   - the catalogue filters (topic + "open now", text, format, language, month, reset, a
//     catalogue split into pages, the URL kept and restored on reload, the count announced);
//   - the site search, with and without script;
//   - the language switcher;
//   - the application-state script: a page built while applications were closing soon shows
//     "closed" and no apply button with the browser clock after the deadline; the days left are
//     calendar days in the course's zone (4, "tomorrow", "last day"), whatever the visitor's zone;
//   - no layout shift on a course page read later than its build (390x844, en and ar), at each
//     instant one of its apply boxes changes state (opening, closing soon, closed), the script
//     arriving after the first paint;
//   - print: a course prints to A4 without navigation and with the application URL written out;
//   - between builds (between.mjs): every page with a list (home, catalogue and topic pages,
//     calendar and month pages, notices pages) with the clock a year after the build: nothing
//     stale under "open", "starting soon", "this month" or the current notices, the catalogue
//     order by that clock, axe and reflow; nothing moves at the build's time; without script a
//     page says which day it shows; nothing moves (CLS) on home, notices, catalogue, archive,
//     calendar and topic pages read 474 days after the build (390x844, 1280x800); a run's text
//     from another language keeps its language mark once the clock makes that run the lead;
//   - counts: the numbers the page script writes are grouped as the build groups them
//     (tests/fixtures/numbers.json), and "N courses" of the catalogue, topic pages and the
//     archive follows the clock;
//   - no console errors, no failed requests, no request to anything but 127.0.0.1.
// Screenshots (360 and 1280 px, en and ar, every template) and printed PDFs go to --out.
// With --suite templates (for a site other than the example, such as the interface languages
// fixture), only the first and last parts run: axe, headings and reflow at 360 and 320 px on
// every template in every language (screenshots of each), the 404 page, the language chooser,
// and no console error, failed or outside request. With --suite clock (tests/fixtures/truth,
// whose lists span several pages, and tests/fixtures/model, whose course given several times
// changes its lead run between builds), only the between-builds part and the last one run.
//
// usage: node tests/browser/run.mjs --root target/ci-public --out target/ci-browser
//                                   [--now 2025-08-20T10:00:00Z]  (the --now the site was built for)
//                                   [--suite all|templates|clock]
//                                   [--only TEXT]  (only the checks whose name holds TEXT)
// Run it inside a loopback-only network namespace (see .ci/run); with CI set, it fails if the
// machine has any network interface but loopback. Last line: "N passed, M failed".
import fs from 'node:fs';
import path from 'node:path';
import { betweenBuilds } from './between.mjs';
import {
  parseArgs, need, freshOut, results as newResults, loopbackOnly, serveStatic, launchChromium, loopbackContext, onLoopback,
  axeViolations, AXE_VERSION, FONTS_CONF, shoot, watchShifts, shiftsOf,
} from './lib.mjs';

const started = Date.now();
const args = parseArgs();
const ROOT = path.resolve(args.root || 'target/ci-public');
const OUT = path.resolve(args.out || 'target/ci-browser');
const NOW = new Date(args.now || process.env.PROSPECTUS_NOW || '2025-08-20T10:00:00Z');
const DAY = 864e5;
const SUITE = args.suite || 'all';
if (!['all', 'templates', 'clock'].includes(SUITE)) {
  console.error(`run.mjs: --suite ${SUITE}: expected all, templates or clock`);
  process.exit(2);
}

need(fs.existsSync(path.join(ROOT, 'index.html')), `run.mjs: ${ROOT} holds no built site (build it first)`);
freshOut(OUT);

// ---- results --------------------------------------------------------------------------------
const { record, check, expect, finish } = newResults({ only: args.only });
function sameSet(a, b, what) {
  const x = [...new Set(a)].sort().join(' ');
  const y = [...new Set(b)].sort().join(' ');
  expect(x === y, `${what}: got [${x}], expected [${y}]`);
}

// ---- network: loopback only -----------------------------------------------------------------
const isolated = loopbackOnly(record);

// ---- static server --------------------------------------------------------------------------
// Pages are served with the content security policy docs/hosting.md tells hosts to send: a
// script it would block (an inline script whose hash is not listed) is a console error here.
const CSP = /^Content-Security-Policy: (.+)$/m.exec(fs.readFileSync(new URL('../../docs/hosting.md', import.meta.url), 'utf8'))[1];
const { server, origin: ORIGIN } = await serveStatic(ROOT, { csp: CSP });

// ---- what the built site holds (read from the files, independently of the page script) ------
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const attrOf = (tag, name) => { const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag); return m ? m[1] : null; };
const LANGS = [...read('index.html').matchAll(/hreflang="([^"]+)"/g)].map((m) => m[1])
  .filter((l, i, a) => a.indexOf(l) === i && fs.existsSync(path.join(ROOT, l, 'courses', 'index.html')));
const code = (tag) => attrOf(tag, 'data-code');
const textOf = (m) => (m ? m[1].replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim() : '');
// The test's own accent folding (the oracle; find.js has its own).
const plain = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/œ/g, 'oe');
function builtCards(lang) {
  const html = read(`${lang}/courses/index.html`);
  return [...html.matchAll(/<article class="card"[^>]*>([\s\S]*?)<\/article>/g)].map((m) => {
    const tag = m[0].slice(0, m[0].indexOf('>') + 1);
    const href = /<a href="([^"]+)"/.exec(m[1]);
    return {
      code: attrOf(tag, 'data-code'), modality: attrOf(tag, 'data-modality'),
      topics: (attrOf(tag, 'data-topics') || '').split(' ').filter(Boolean),
      languages: (attrOf(tag, 'data-languages') || '').split(' ').filter(Boolean),
      countries: (attrOf(tag, 'data-countries') || '').split(' ').filter(Boolean),
      month: attrOf(tag, 'data-month'),
      // A course given several times: the months of all its runs (the month filter finds any).
      months: (attrOf(tag, 'data-months') || attrOf(tag, 'data-month') || '').split(' ').filter(Boolean),
      state: attrOf(tag, 'data-state'), href: href ? href[1] : null,
      deadline: attrOf(m[1], 'data-deadline'), opens: attrOf(m[1], 'data-opens'),
      // What the free-text filter searches: code, title, summary, places (as text, entities decoded).
      words: [code(tag), textOf(/class="card-title"[^>]*>([\s\S]*?)<\/h[23]>/.exec(m[1])), textOf(/<p class="summary"[^>]*>([\s\S]*?)<\/p>/.exec(m[1])),
        ...[...m[1].matchAll(/<bdi class="place">([^<]*)<\/bdi>/g)].map((x) => textOf(x))].join(' '),
    };
  });
}
function firstHref(html, re) { const m = re.exec(html); return m ? m[1] : null; }
function pagesOf(lang) {
  const cat = read(`${lang}/courses/index.html`);
  const home = read(`${lang}/index.html`);
  const notices = read(`${lang}/notices/index.html`);
  const courses = builtCards(lang).map((c) => c.href).filter((h) => h && h.startsWith(`/${lang}/courses/`));
  const course = courses[0];
  // A course given several times: its table of runs (a row per run, with its own apply box).
  const runs = courses.find((h) => /<table class="runs"/.test(read(path.join(h, 'index.html'))));
  const notice = firstHref(notices, new RegExp(`<li[^>]*><a href="(/${lang}/notices/[^"]+/)"`));
  const std = new Set([`/${lang}/`, `/${lang}/courses/`, `/${lang}/notices/`, `/${lang}/calendar/`, `/${lang}/search/`]);
  const nav = /<nav class="main-nav"[\s\S]*?<\/nav>/.exec(home)[0];
  const page = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).find((h) => !std.has(h) && h.startsWith(`/${lang}/`));
  const topic = firstHref(cat, new RegExp(`href="(/${lang}/topics/[^"]+/)"`));
  // The search page with results: a course code of the language's catalogue is always found.
  const first = builtCards(lang)[0];
  return [
    ['home', `/${lang}/`], ['catalogue', `/${lang}/courses/`], ['catalogue-filtered', `/${lang}/courses/?open=1`],
    ['topic', topic], ['course', course], ['course-runs', runs], ['calendar', `/${lang}/calendar/`], ['notices', `/${lang}/notices/`],
    ['notice', notice], ['page', page], ['search', first ? `/${lang}/search/?q=${encodeURIComponent(first.code)}` : `/${lang}/search/`],
  ].filter(([, u]) => u);
}

// ---- fonts ----------------------------------------------------------------------------------
// Widths (reflow) depend on the fonts (lib.mjs, FONTS_CONF): the test fails if they are not
// installed.
{
  const dirs = [...fs.readFileSync(FONTS_CONF, 'utf8').matchAll(/<dir>([^<]+)<\/dir>/g)].map((m) => m[1]);
  const missing = dirs.filter((d) => !fs.existsSync(d) || fs.readdirSync(d).length === 0);
  record(`fonts: the pinned fonts of ${path.basename(FONTS_CONF)} are installed`, missing.length === 0,
    `missing ${missing.join(', ')}: apt-get install fonts-noto-core fonts-dejavu-core fonts-liberation fonts-noto-cjk`);
}

// ---- browser --------------------------------------------------------------------------------
const browser = await launchChromium();
console.log(`browser: Chromium ${browser.version()}, axe-core ${AXE_VERSION}, site built for ${NOW.toISOString()}`);

const problems = { console: [], requests: [], external: [] };

// A context with the given width, the browser clock at `clock` (default: the build's "now"),
// every request off 127.0.0.1 aborted and recorded, and page errors recorded.
async function newContext({ width = 1280, height = 900, clock = NOW, js = true, media, timezoneId, locale } = {}) {
  const ctx = await loopbackContext(browser, { viewport: { width, height }, javaScriptEnabled: js, reducedMotion: media, timezoneId, locale },
    { timeout: 10000, refused: (u) => problems.external.push(u) });
  if (clock) await ctx.clock.setFixedTime(clock);
  ctx.on('page', (p) => watch(p));
  return ctx;
}
function watch(page) {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (page.__expect404 && /status of 404/.test(m.text())) return;
    problems.console.push(`${page.url()}: ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => problems.console.push(`${page.url()}: uncaught ${String(e).slice(0, 300)}`));
  page.on('requestfailed', (r) => {
    const f = r.failure()?.errorText || 'failed';
    if (onLoopback(r.url()) && !/ERR_ABORTED|ERR_BLOCKED_BY_CLIENT/.test(f)) problems.requests.push(`${r.url()}: ${f}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && onLoopback(r.url()) && !(page.__expect404 && r.request().isNavigationRequest())) {
      problems.requests.push(`${r.url()}: HTTP ${r.status()}`);
    }
  });
}
async function open(ctx, url) {
  const page = await ctx.newPage();
  await page.goto(ORIGIN + url, { waitUntil: 'load' });
  return page;
}
// One h1, and no heading more than one level below the one before it.
async function headings(page) {
  const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.filter((h) => h.getClientRects().length > 0).map((h) => +h.tagName[1]));
  expect(levels.filter((l) => l === 1).length === 1 && levels[0] === 1, `headings ${levels.join(' ')}: one h1, first`);
  levels.forEach((l, i) => expect(i === 0 || l <= levels[i - 1] + 1, `headings ${levels.join(' ')}: h${levels[i - 1]} then h${l}`));
}
async function axe(page) {
  await headings(page);
  const v = await axeViolations(page);
  expect(v.length === 0, v.join('\n'));
}
const shotName = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
const shot = (page, name) => shoot(page, path.join(OUT, 'screenshots', shotName(name) + '.png'));
// Codes of the course cards shown (not hidden) in the catalogue list.
const visibleCodes = (page) => page.$$eval('[data-list] [data-course]', (els) => els.filter((e) => !e.hidden && e.offsetParent !== null).map((e) => e.getAttribute('data-code')));

// ---- 1. every template, every language: axe, reflow, screenshots -----------------------------
// Two languages at a time (one per core); each reuses one tab per width.
async function templates(lang) {
  const ctx = await newContext();
  const reflow = SUITE === 'templates' || lang === 'en' || lang === 'ar';
  const small = reflow ? await newContext({ width: 360, height: 800 }) : null;
  const tab = await ctx.newPage();
  const smallTab = small ? await small.newPage() : null;
  for (const [name, url] of pagesOf(lang)) {
    await check(`axe ${lang} ${name} (${url})`, async () => {
      const page = tab;
      await page.goto(ORIGIN + url);
      if (name === 'catalogue-filtered') {
        await page.waitForSelector('form[data-filters][data-ready]');
        await page.waitForFunction(() => document.querySelector('[data-pager]') ? document.querySelector('[data-pager]').hidden : /\p{Nd}/u.test(document.querySelector('[data-count]').textContent) && document.querySelectorAll('[data-list] [data-course][hidden]').length > 0);
      }
      if (name === 'search') await page.waitForSelector('[data-search-results] li');
      await axe(page);
      if (small) await shot(page, `${lang}-${name}-1280`);
    });
    // A course page on a laptop: its key facts start beside the title, not under an empty
    // space beside the head (the first screen of a 1280x800 window showed half of them).
    if (name.startsWith('course')) {
      await check(`layout ${lang} ${name}: at 1280 px the key facts stand beside the title`, async () => {
        if (tab.url() !== ORIGIN + url) await tab.goto(ORIGIN + url);
        const at = await tab.evaluate(() => ({
          h1: document.querySelector('h1').getBoundingClientRect().top,
          facts: document.querySelector('.key-facts').getBoundingClientRect().top,
          head: document.querySelector('.course-head').getBoundingClientRect().bottom,
        }));
        expect(at.facts < at.head && at.facts <= at.h1 + 40, `key facts at ${Math.round(at.facts)} px, the title at ${Math.round(at.h1)}, the head ends at ${Math.round(at.head)}`);
      });
    }
    if (small) {
      await check(`reflow ${lang} ${name}: no horizontal scroll at 360 and 320 px`, async () => {
        const page = smallTab;
        await page.setViewportSize({ width: 360, height: 800 });
        await page.goto(ORIGIN + url);
        if (/[?]/.test(url)) await page.waitForTimeout(300);
        await shot(page, `${lang}-${name}-360`);
        for (const w of [360, 320]) {
          await page.setViewportSize({ width: w, height: 800 });
          const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(over <= 1, `${w} px: the page is ${over} px wider than the window`);
        }
        // At 320 px nothing scrolls sideways, the page nor its body (in either direction: in
        // right-to-left pages an overflow goes to the left), and no element sticks out.
        const wide = await page.evaluate(() => {
          const d = document.documentElement;
          const out = [];
          for (const e of [d, document.body]) if (e.scrollWidth > e.clientWidth) out.push(`${e.tagName} scrollWidth ${e.scrollWidth} > clientWidth ${e.clientWidth}`);
          const all = [...document.body.querySelectorAll('*')];
          // What scrolls inside a box of its own (a wide table) is not the page scrolling.
          const boxes = all.filter((e) => getComputedStyle(e).overflowX !== 'visible');
          for (const e of all) {
            if (boxes.some((b) => b !== e && b.contains(e))) continue;
            const r = e.getBoundingClientRect();
            if (r.width && (r.left < -1 || r.right > d.clientWidth + 1) && !e.closest('.visually-hidden, .skip, [hidden]')) out.push(`${e.tagName}.${e.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
          }
          return out.slice(0, 5);
        });
        expect(wide.length === 0, `320 px: ${wide.join('; ')}`);
      });
      // A block of text in another language and direction (an English notice's summary on an
      // Arabic page) keeps the page's alignment, as its neighbours in the page's language do.
      await check(`direction ${lang} ${name}: text in the other direction keeps the page's alignment`, async () => {
        if (smallTab.url() !== ORIGIN + url) await smallTab.goto(ORIGIN + url);
        const off = await smallTab.evaluate(() => {
          const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
          const side = (s) => {
            const a = s.textAlign;
            if (a === 'start' || a === 'end') return (a === 'start') === (s.direction === 'rtl') ? 'right' : 'left';
            return a;
          };
          return [...document.querySelectorAll('main [lang]')].filter((e) => {
            const s = getComputedStyle(e);
            return s.display !== 'inline' && e.getClientRects().length > 0 && (s.direction === 'rtl') !== rtl
              && !['center', 'justify'].includes(s.textAlign) && side(s) !== (rtl ? 'right' : 'left');
          }).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} lang=${e.lang} dir=${e.getAttribute('dir')}: "${e.textContent.trim().slice(0, 40)}"`);
        });
        expect(off.length === 0, `aligned against the page: ${off.join('; ')}`);
      });
    }
  }
  await ctx.close();
  if (small) await small.close();
}
if (SUITE !== 'clock') {
  const queue = [...LANGS];
  await Promise.all([0, 1].map(async () => { while (queue.length) await templates(queue.shift()); }));
}
if (SUITE !== 'clock') {
  const ctx = await newContext();
  await check('axe 404 page (and a missing URL answers with it)', async () => {
    const page = await ctx.newPage();
    page.__expect404 = true;
    const r = await page.goto(`${ORIGIN}/${LANGS[0]}/no-such-page/`);
    expect(r.status() === 404, `status ${r.status()}`);
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    await axe(page);
    await shot(page, '404-1280');
    await page.close();
  });
  await check('axe language chooser (/)', async () => {
    // A browser in a language the site does not have stays on the chooser.
    const other = await newContext({ locale: 'ja-JP' });
    const page = await open(other, '/');
    expect(new URL(page.url()).pathname === '/', `went to ${page.url()}`);
    await axe(page);
    // Every language's link is centred in the box as the others are (العربية was at the left).
    const aligns = await page.$$eval('.language-list a', (as) => as.map((a) => `${a.lang}: ${getComputedStyle(a).textAlign}`));
    expect(new Set(aligns.map((a) => a.split(': ')[1])).size === 1, `the links are not aligned alike: ${aligns.join(', ')}`);
    await shot(page, 'chooser-1280');
    await other.close();
  });
  await ctx.close();
}
// `/` opens the visitor's language: the browser's, or the one chosen before (on the chooser or
// in a page's switcher); coming from a page of the site, it shows the chooser.
if (LANGS.length > 1) {
  await check('language chooser: the browser language, the choice remembered, no redirect from inside the site', async () => {
    // Two languages other than each other (a site may have only two).
    const [first, second] = [LANGS[1], LANGS.length > 2 ? LANGS[LANGS.length - 1] : LANGS[0]];
    const path = (p) => new URL(p.url()).pathname;
    const byBrowser = await newContext({ locale: first.includes("-") ? first : `${first}-CH` });
    const p1 = await open(byBrowser, '/');
    await p1.waitForURL(`**/${first}/`);
    await byBrowser.close();
    const ctx = await newContext({ locale: 'ja-JP' });
    const page = await open(ctx, '/');
    expect(path(page) === '/', `no language of the browser, yet went to ${page.url()}`);
    await Promise.all([page.waitForURL(`**/${second}/`), page.click(`.language-list a[hreflang="${second}"]`)]);
    await page.goto(ORIGIN + '/');
    await page.waitForURL(`**/${second}/`);
    expect(path(page) === `/${second}/`, `the choice was not remembered: ${page.url()}`);
    await page.goto(ORIGIN + '/', { referer: `${ORIGIN}/${second}/` });
    expect(path(page) === '/', `from inside the site, went to ${page.url()}`);
    // The switcher's choice counts too.
    await page.goto(`${ORIGIN}/${second}/`);
    await Promise.all([page.waitForURL(`**/${first}/`), page.click(`.languages a[hreflang="${first}"]`)]);
    await page.goto(ORIGIN + '/');
    await page.waitForURL(`**/${first}/`);
    await ctx.close();
  });
}

// Parts 2 to 7 test behaviour on the example site; --suite templates leaves them out (the block
// below is not indented, to keep each part's lines as they were).
if (SUITE === 'all') {
// ---- 2. keyboard -----------------------------------------------------------------------------
for (const lang of ['en', 'ar'].filter((l) => LANGS.includes(l))) {
  await check(`keyboard ${lang}: the skip link comes first, shows, and moves focus to the content`, async () => {
    const ctx = await newContext();
    const page = await open(ctx, `/${lang}/courses/`);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      const s = getComputedStyle(a);
      return { cls: a.className, href: a.getAttribute('href'), inView: r.top >= 0 && r.bottom <= innerHeight && r.width > 0, outline: s.outlineStyle, width: s.outlineWidth };
    });
    expect(skip.cls === 'skip' && skip.href === '#main', `first stop: ${JSON.stringify(skip)}`);
    expect(skip.inView, 'the focused skip link is not visible');
    expect(skip.outline !== 'none' && skip.width !== '0px', `no visible focus outline: ${JSON.stringify(skip)}`);
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => document.activeElement.id);
    expect(focused === 'main', `focus after the skip link: #${focused}`);
    // The filters work from the keyboard: tab to "open now", press Space.
    await page.focus('#f-month');
    await page.keyboard.press('Tab');
    const onOpen = await page.evaluate(() => document.activeElement.id);
    expect(onOpen === 'f-open', `after the month: #${onOpen}`);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => /[?&]open=1/.test(location.search));
    await ctx.close();
  });
}

// ---- 3. the catalogue filters ----------------------------------------------------------------
if (LANGS.includes('en')) {
  const cards = builtCards('en');
  const opened = (c) => c.state === 'open' || c.state === 'closing-soon';
  // The topic with the most courses open now (the site was built for NOW, the clock is NOW).
  const topics = [...new Set(cards.flatMap((c) => c.topics))];
  const topic = topics.map((t) => [t, cards.filter((c) => c.topics.includes(t) && opened(c)).length])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const want = cards.filter((c) => c.topics.includes(topic) && opened(c)).map((c) => c.code);

  await check(`filters en: topic "${topic}" + open now shows ${want.join(', ')} and says so; reload keeps it`, async () => {
    expect(want.length > 0 && want.length < cards.length, `a meaningful test needs some but not all courses (${want.length})`);
    const ctx = await newContext();
    const page = await open(ctx, '/en/courses/');
    await page.waitForSelector('form[data-filters][data-ready]');
    await page.selectOption('#f-topic', topic);
    await page.check('#f-open');
    await page.waitForFunction(() => /open=1/.test(location.search));
    await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length);
    sameSet(await visibleCodes(page), want, 'shown courses');
    const count = await page.$eval('[data-count]', (e) => ({ text: e.textContent, role: e.getAttribute('role') }));
    expect(count.role === 'status', 'the count is not a status (live) region');
    expect(count.text.includes(String(want.length)) || want.length === 1, `count "${count.text}"`);
    const url = new URL(page.url());
    expect(url.searchParams.get('topic') === topic && url.searchParams.get('open') === '1', `URL ${page.url()}`);
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length);
    sameSet(await visibleCodes(page), want, 'after reload');
    expect(await page.$eval('#f-topic', (e) => e.value) === topic, 'topic not restored');
    expect(await page.$eval('#f-open', (e) => e.checked), '"open now" not restored');
    await shot(page, 'en-catalogue-filtered-topic-open-1280');
    // A shared link opens the same view in another context (a new visitor).
    const other = await newContext({ width: 360, height: 800 });
    const p2 = await open(other, `/en/courses/?topic=${encodeURIComponent(topic)}&open=1`);
    await p2.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length);
    sameSet(await visibleCodes(p2), want, 'shared link');
    await shot(p2, 'en-catalogue-filtered-topic-open-360');
    await other.close();
    await ctx.close();
  });

  await check('filters en: format, language of instruction, country and start month each narrow to the matching cards', async () => {
    const ctx = await newContext();
    const page = await open(ctx, '/en/courses/');
    await page.waitForSelector('form[data-filters][data-ready]');
    const cases = [
      ['#f-modality', 'modality', (c, v) => c.modality === v],
      ['#f-language', 'language', (c, v) => c.languages.includes(v)],
      ['#f-country', 'country', (c, v) => c.countries.includes(v)],
      ['#f-month', 'month', (c, v) => c.months.includes(v)],
    ];
    for (const [sel, param, pred] of cases) {
      const values = await page.$$eval(`${sel} option`, (os) => os.map((o) => o.value).filter(Boolean));
      expect(values.length > 0, `${sel} has no choices`);
      for (const v of values) {
        await page.selectOption(sel, v);
        await page.waitForFunction(([p, x]) => new URL(location.href).searchParams.get(p) === x, [param, v]);
        const expected = cards.filter((c) => pred(c, v)).map((c) => c.code);
        await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, expected.length, { timeout: 3000 })
          .catch(() => {});
        sameSet(await visibleCodes(page), expected, `${param}=${v}`);
      }
      await page.selectOption(sel, '');
    }
    await ctx.close();
  });

  await check('filters en: text search, no result, and "Clear filters"', async () => {
    const ctx = await newContext();
    const page = await open(ctx, '/en/courses/');
    await page.waitForSelector('form[data-filters][data-ready]');
    const code = cards[0].code;
    await page.fill('#f-q', code.toLowerCase());
    await page.waitForFunction(() => /q=/.test(location.search));
    await page.waitForFunction(() => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === 1);
    sameSet(await visibleCodes(page), [code], `search for the code ${code}`);
    await page.fill('#f-q', 'zzqqxxnothing');
    await page.waitForFunction(() => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === 0);
    expect(await page.isVisible('[data-none]'), 'no "nothing matches" message');
    await axe(page);
    await page.click('[data-none] button');
    await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, cards.length);
    expect(new URL(page.url()).search === '', `URL still filtered: ${page.url()}`);
    expect(await page.isHidden('[data-none]'), 'the message stays');
    await ctx.close();
  });

  await check('filters en: a catalogue split into pages filters over every course (cards made from the data when their page does not hold them)', async () => {
    const ctx = await newContext();
    // Serve the catalogue with only its first card, as page 1 of a long catalogue would be.
    await ctx.route(`${ORIGIN}/en/courses/`, async (route) => {
      let first = true;
      const html = read('en/courses/index.html').replace(/<article class="card"[\s\S]*?<\/article>/g, (m) => (first ? ((first = false), m) : ''));
      await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    });
    const page = await ctx.newPage();
    await page.goto(`${ORIGIN}/en/courses/?topic=${encodeURIComponent(topic)}&open=1`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length);
    sameSet(await visibleCodes(page), want, 'shown courses');
    const links = await page.$$eval('[data-list] [data-course]:not([hidden]) .card-title a', (as) => as.map((a) => a.getAttribute('href')));
    for (const c of cards.filter((x) => want.includes(x.code))) expect(links.includes(c.href), `no link to ${c.href}`);
    await axe(page);
    await ctx.close();
  });

  await check('filters en: "open now" follows the visitor\'s clock with the state script\'s rules', async () => {
    // One minute after the first deadline to come: that course is no longer open, a course
    // whose applications opened meanwhile is.
    const next = cards.filter((c) => opened(c) && c.deadline).sort((a, b) => (a.deadline < b.deadline ? -1 : 1))[0];
    expect(next, 'no course open now with a deadline');
    const clock = new Date(new Date(next.deadline).getTime() + 60000);
    const expected = cards.filter((c) => (opened(c) && !(c.deadline && new Date(c.deadline) < clock))
      || (c.state === 'not-yet-open' && c.opens && new Date(c.opens) <= clock && !(c.deadline && new Date(c.deadline) < clock))).map((c) => c.code);
    expect(!expected.includes(next.code), 'bad oracle');
    const late = await newContext({ clock });
    const page = await open(late, '/en/courses/?open=1');
    await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, expected.length);
    sameSet(await visibleCodes(page), expected, `open at ${clock.toISOString()}`);
    await late.close();
  });

  // A course given several times is open now when any of its runs is: with the clock past the
  // deadline of the run its card shows (the first run of its row in the filter data), and within
  // another run's application window, "open now" still lists it, once.
  const data = JSON.parse(read('en/courses/index.json'));
  const R = Object.fromEntries(data.run_fields.map((k, i) => [k, i]));
  const F = Object.fromEntries(data.fields.map((k, i) => [k, i]));
  const later = data.courses.map((r) => {
    const [lead, ...others] = r[F.runs];
    const other = others.find((o) => o[R.closes] !== null && lead[R.closes] !== null && o[R.closes] > lead[R.closes]);
    if (!other) return null;
    // A minute after both the lead run's deadline and the other run's opening.
    const t = (Math.max(lead[R.closes], other[R.opens] ?? 0) + 60) * 1000;
    return t < other[R.closes] * 1000 && (r[F.end] === null || t < r[F.end] * 1000) ? { code: r[F.code], clock: new Date(t) } : null;
  }).find(Boolean);
  await check(`filters en: "open now" lists a course whose first run has closed while another is open (${later ? later.code : 'none'})`, async () => {
    expect(later, 'the example has no course with a run open after the first one has closed: no test');
    const ctx = await newContext({ clock: later.clock });
    const page = await open(ctx, '/en/courses/?open=1');
    await page.waitForFunction(() => document.querySelector('[data-list][data-filtered]'));
    await page.waitForFunction((c) => document.querySelectorAll(`[data-list] [data-course][data-code="${c}"]:not([hidden])`).length === 1, later.code, { timeout: 5000 }).catch(() => {});
    const codes = await visibleCodes(page);
    expect(codes.filter((c) => c === later.code).length === 1, `open at ${later.clock.toISOString()}: [${codes.join(' ')}] should list ${later.code} once`);
    await ctx.close();
  });

  // The place filter: each place finds the courses with a run held there (the test reads the
  // runs' places from the data); with the start month, one run must answer both (a course
  // given in Beirut in January and in Amman in May is not found under Beirut in May); and it
  // combines with the text search.
  await check('filters en: the place filter finds the courses held there, run by run, and combines with the month and the text', async () => {
    const places = data.places || [];
    expect(places.length > 1, `places in the data: [${places.join(' ')}]`);
    const withRun = (pred) => data.courses.filter((r) => (r[F.end] === null || r[F.end] * 1000 >= NOW.getTime())
      && r[F.runs].some((run) => (run[R.end] === null || run[R.end] * 1000 >= NOW.getTime()) && pred(run))).map((r) => r[F.code]);
    const at = (p) => (run) => run[R.places].includes(places.indexOf(p));
    const ctx = await newContext();
    const page = await open(ctx, '/en/courses/');
    await page.waitForSelector('form[data-filters][data-ready]');
    const offered = await page.$$eval('#f-place option', (os) => os.map((o) => o.value).filter(Boolean));
    sameSet(offered, places, 'place choices');
    const shows = async (url, want, what) => {
      await page.goto(ORIGIN + url);
      await page.waitForFunction((n) => document.querySelector('[data-list][data-filtered]') && document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length, { timeout: 5000 }).catch(() => {});
      sameSet(await visibleCodes(page), want, what);
    };
    for (const p of places) {
      const want = withRun(at(p));
      expect(want.length > 0 && want.length < cards.length, `place ${p} is no test: ${want.length} courses`);
      await page.selectOption('#f-place', p);
      await page.waitForFunction((x) => new URL(location.href).searchParams.get('place') === x, p);
      await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length, { timeout: 3000 }).catch(() => {});
      sameSet(await visibleCodes(page), want, `place=${p}`);
    }
    // Place and month: the same run must answer both.
    const multi = data.courses.find((r) => r[F.runs].length > 1 && r[F.runs].every((run) => run[R.places].length && run[R.month] !== null));
    expect(multi, 'no course given in several places: no test');
    const [one, two] = multi[F.runs];
    const p1 = places[one[R.places][0]];
    const m2 = data.months[two[R.month]];
    const both = (p, m) => withRun((run) => at(p)(run) && data.months[run[R.month]] === m);
    expect(!both(p1, m2).includes(multi[F.code]), 'bad oracle');
    await shows(`/en/courses/?place=${encodeURIComponent(p1)}&month=${m2}`, both(p1, m2), `place=${p1} month=${m2}`);
    const p2 = places[two[R.places][0]];
    await shows(`/en/courses/?place=${encodeURIComponent(p2)}&month=${m2}`, both(p2, m2), `place=${p2} month=${m2}`);
    expect(both(p2, m2).includes(multi[F.code]), 'bad oracle');
    // Place and words.
    const code = multi[F.code];
    await shows(`/en/courses/?place=${encodeURIComponent(p2)}&q=${code}`, [code], `place=${p2} q=${code}`);
    await ctx.close();
  });

  // Once courses (or runs) have finished since the build, the choices only they gave leave the
  // catalogue's form with them (the archive holds them): the test works the choices out from the
  // data (courses not finished by the clock, their runs not ended).
  const built = (name) => [...read('en/courses/index.html').matchAll(new RegExp(`<select id="f-${name}"[\\s\\S]*?</select>`, 'g'))]
    .flatMap((m) => [...m[0].matchAll(/<option value="([^"]+)"/g)].map((x) => x[1]));
  const choicesAt = (t) => {
    const out = { month: new Set(), country: new Set(), modality: new Set(), language: new Set() };
    for (const r of data.courses) {
      if (r[F.end] !== null && r[F.end] * 1000 < t) continue; // in the archive by this clock
      out.modality.add(data.modalities[r[F.modality]]);
      r[F.languages].forEach((l) => out.language.add(data.languages[l]));
      for (const run of r[F.runs]) {
        if (run[R.end] !== null && run[R.end] * 1000 < t) continue;
        if (run[R.month] !== null) out.month.add(data.months[run[R.month]]);
        run[R.countries].forEach((k) => out.country.add(data.countries[k]));
      }
    }
    return out;
  };
  const ends = [...new Set(data.courses.flatMap((r) => r[F.runs].map((run) => run[R.end])).filter((e) => e !== null))].sort((a, b) => a - b);
  const gone = ends.map((e) => (e + 60) * 1000).find((t) => {
    const c = choicesAt(t);
    return c.month.size > 0 && built('month').some((m) => !c.month.has(m));
  });
  await check('filters en: choices that only finished courses gave leave the form by the visitor\'s clock', async () => {
    expect(gone, 'no course of the example finishes while another is to come: no test');
    const want = choicesAt(gone);
    const ctx = await newContext({ clock: new Date(gone) });
    const page = await open(ctx, '/en/courses/');
    await page.waitForSelector('form[data-filters][data-ready]');
    for (const name of ['month', 'country', 'modality', 'language']) {
      if (!built(name).length) continue;
      const w = built(name).filter((v) => want[name].has(v));
      await page.waitForFunction(([n, k]) => document.querySelectorAll(`#f-${n} option[value]:not([value=""])`).length === k, [name, w.length], { timeout: 5000 }).catch(() => {});
      const got = await page.$$eval(`#f-${name} option`, (os) => os.map((o) => o.value).filter(Boolean));
      expect(got.join(' ') === w.join(' '), `${name} at ${new Date(gone).toISOString()}: [${got.join(' ')}], expected [${w.join(' ')}] (built: [${built(name).join(' ')}])`);
    }
    await ctx.close();
  });
}

if (LANGS.includes('fr')) {
  await check('filters fr: "egalite" finds "égalité", "oeuvre" finds "œuvre", "EVALUATION" finds "évaluation"', async () => {
    const cards = builtCards('fr');
    const ctx = await newContext();
    const page = await open(ctx, '/fr/courses/');
    await page.waitForSelector('form[data-filters][data-ready]');
    for (const q of ['egalite', 'oeuvre', 'EVALUATION']) {
      const want = cards.filter((c) => plain(c.words).includes(plain(q))).map((c) => c.code);
      expect(want.length > 0 && want.length < cards.length, `"${q}" is no test: ${want.length} of ${cards.length} cards`);
      await page.fill('#f-q', q);
      await page.waitForFunction((x) => new URL(location.href).searchParams.get('q') === x, q);
      await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length);
      sameSet(await visibleCodes(page), want, `"${q}"`);
    }
    await ctx.close();
  });

  await check('filters and search: a place finds the courses held there ("beirut", "abidjan", "lima")', async () => {
    const ctx = await newContext();
    for (const [lang, q] of [['en', 'beirut'], ['en', 'abidjan'], ['fr', 'lima'], ['ar', 'بيروت']]) {
      const cards = builtCards(lang);
      const want = cards.filter((c) => plain(c.words).includes(plain(q))).map((c) => c.code);
      expect(want.length > 0 && want.length < cards.length, `${lang} "${q}" is no test: ${want.length} of ${cards.length} cards`);
      const page = await open(ctx, `/${lang}/courses/?q=${encodeURIComponent(q)}`);
      await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length, { timeout: 5000 }).catch(() => {});
      sameSet(await visibleCodes(page), want, `${lang} catalogue "${q}"`);
      const search = await open(ctx, `/${lang}/search/?q=${encodeURIComponent(q)}`);
      await search.waitForSelector('[data-search-results] li', { timeout: 5000 }).catch(() => {});
      const found = await search.$$eval('[data-search-results] li .code', (els) => els.map((e) => e.textContent));
      sameSet(found, want, `${lang} site search "${q}"`);
    }
    await ctx.close();
  });
}

// The "N courses" of the catalogue, of a topic page and of the archive follow the courses that
// go from the first two to the archive by the visitor's clock, in the plural form of the page's
// language: the test counts the courses of each list by then in the data and writes the text
// from the theme's strings (courses_count_<form>, the form by Node's own CLDR plural rules).
for (const lang of ['en', 'ar'].filter((l) => LANGS.includes(l))) {
  await check(`lists ${lang}: "N courses" of the catalogue, a topic and the archive counts the courses each holds by the visitor's clock`, async () => {
    const d = JSON.parse(read(`${lang}/courses/index.json`));
    const html = read(`${lang}/courses/index.html`);
    expect(/data-order-part="current"/.test(html), 'the example has no archive: no test');
    const iEnd = d.fields.indexOf('end');
    const iTopics = d.fields.indexOf('topics');
    const ended = (r, t) => r[iEnd] !== null && r[iEnd] * 1000 < t;
    const ends = d.courses.map((r) => r[iEnd]).filter((e) => e !== null && e * 1000 > NOW.getTime()).sort((a, b) => a - b);
    expect(ends.length > 1, 'no course of the example finishes after the build: no test');
    // The topic of the first course to finish after the build.
    const first = d.courses.find((r) => r[iEnd] === ends[0]);
    const topic = d.topics[first[iTopics][0]];
    const lists = [
      [`/${lang}/courses/`, (r, t) => !ended(r, t)],
      [`/${lang}/topics/${topic}/`, (r, t) => !ended(r, t) && r[iTopics].includes(d.topics.indexOf(topic))],
      [`/${lang}/courses/past/`, (r, t) => ended(r, t)],
    ];
    const strings = fs.readFileSync(new URL(`../../themes/default/i18n/${lang}.toml`, import.meta.url), 'utf8');
    const say = (n) => {
      const form = (k) => { const m = new RegExp(`^courses_count_${k} = "(.*)"$`, 'm').exec(strings); return m ? m[1] : null; };
      return (form(new Intl.PluralRules(lang).select(n)) || form('other')).replace('{n}', String(n));
    };
    for (const [url, holds] of lists) {
      // At the build: the built count. After the first and after the second course ends.
      for (const clock of [NOW, new Date((ends[0] + 60) * 1000), new Date((ends[1] + 60) * 1000)]) {
        const n = d.courses.filter((r) => holds(r, clock.getTime())).length;
        const ctx = await newContext({ clock });
        const page = await open(ctx, url);
        await page.waitForFunction((t) => document.querySelector('[data-count]').textContent === t, say(n), { timeout: 5000 }).catch(() => {});
        const text = await page.$eval('[data-count]', (e) => e.textContent);
        await ctx.close();
        expect(text === say(n), `${url} at ${clock.toISOString()}: "${text}", expected "${say(n)}" (${n} courses)`);
      }
    }
  });
}

if (LANGS.includes('ar')) {
  await check('filters ar: topic filter, Arabic count and screenshots', async () => {
    const cards = builtCards('ar');
    const t = cards[0].topics[0];
    const want = cards.filter((c) => c.topics.includes(t)).map((c) => c.code);
    for (const width of [1280, 360]) {
      const ctx = await newContext({ width });
      const page = await open(ctx, `/ar/courses/?topic=${t}&open=1`);
      await page.waitForSelector('form[data-filters][data-ready]');
      await page.uncheck('#f-open');
      await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length);
      sameSet(await visibleCodes(page), want, 'shown courses');
      const count = await page.$eval('[data-count]', (e) => e.textContent);
      expect(/[\u0600-\u06ff]/.test(count), `count not in Arabic: ${count}`);
      await shot(page, `ar-catalogue-filtered-topic-${width}`);
      await ctx.close();
    }
  });
}

// ---- 3b. no layout shift from the scripts -----------------------------------------------------
// The filter form, the topic links and the search page's no-script text are laid out for the
// first paint (html.js, set in the head): loading the script moves nothing.
for (const lang of ['en', 'ar'].filter((l) => LANGS.includes(l))) {
  for (const url of [`/${lang}/courses/`, `/${lang}/search/`]) {
    await check(`layout shift ${url}: none while the scripts start`, async () => {
      const ctx = await newContext({ clock: null, width: 390, height: 844 });
      const page = await ctx.newPage();
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(ORIGIN + url, { waitUntil: 'load' });
      if (url.includes('courses')) await page.waitForSelector('form[data-filters][data-ready]');
      await page.waitForTimeout(500);
      const cls = await page.evaluate(() => window.__cls);
      expect(cls < 0.001, `cumulative layout shift ${cls}`);
      expect(await page.isVisible(url.includes('courses') ? 'form[data-filters]' : 'form[data-search]'), 'the form is hidden');
      if (url.includes('courses')) expect(await page.isHidden('[data-topic-nav]'), 'the topic links show beside the filters');
      else expect(await page.isHidden('[data-search-fallback]'), 'the no-script text shows with script');
      await ctx.close();
    });
  }
}

// ---- 3b'. the catalogue's first screen on a phone ---------------------------------------------
// The role, name and expanded state Chromium's accessibility tree gives the element `sel`.
async function disclosure(ctx, page, sel) {
  const cdp = await ctx.newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: sel });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  await cdp.detach();
  const n = nodes[0] || {};
  const expanded = (n.properties || []).find((p) => p.name === 'expanded');
  return { role: n.role && n.role.value, name: n.name && n.name.value, expanded: expanded ? expanded.value.value : null };
}
// At 390x844 the filters (seven fields and a checkbox, 520 px) are folded under their heading
// before the first paint, so that the first course is on the first screen; the heading is a
// native disclosure (<summary>: a button that says whether it is expanded) that opens them from
// the keyboard, and they filter as before. Open where there is room (1280x800), and on a phone
// when the address sets a filter.
for (const lang of ['en', 'ar'].filter((l) => LANGS.includes(l))) {
  await check(`catalogue ${lang}: at 390x844 the filters are folded, the first course on the first screen; they open from the keyboard and filter`, async () => {
    const ctx = await newContext({ width: 390, height: 844 });
    const page = await ctx.newPage();
    await watchShifts(page);
    await page.goto(`${ORIGIN}/${lang}/courses/`, { waitUntil: 'load' });
    await page.waitForSelector('form[data-filters][data-ready]');
    await page.waitForTimeout(300);
    const { cls, shifts } = await shiftsOf(page);
    expect(cls < 0.001, `layout shift ${cls}: ${JSON.stringify(shifts)}`);
    const first = await page.evaluate(() => ({
      open: document.querySelector('[data-filter-box]').open,
      card: document.querySelector('[data-list] [data-course]:not([hidden])').getBoundingClientRect().top,
      summary: document.querySelector('[data-filter-box] > summary h2#filters-h') !== null,
    }));
    expect(!first.open, 'the filters are open on a phone');
    expect(first.card < 844, `the first course starts at ${first.card}px, below the first screen`);
    expect(first.summary, 'the heading of the filters is not their <summary>');
    expect(await page.isHidden('#f-topic'), 'a field shows while the filters are folded');
    // What a screen reader is told: a disclosure named as the heading, collapsed, then expanded.
    const heading = await page.$eval('#filters-h', (h) => h.textContent.trim());
    const said = await disclosure(ctx, page, '[data-filter-box] > summary');
    expect(said.role === 'DisclosureTriangle' && said.name === heading && said.expanded === false, `the heading is told as ${JSON.stringify(said)}`);
    await page.focus('[data-filter-box] > summary');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.querySelector('[data-filter-box]').open), 'Enter on the heading does not open the filters');
    const opened = await disclosure(ctx, page, '[data-filter-box] > summary');
    expect(opened.expanded === true, `once opened, the heading is told as ${JSON.stringify(opened)}`);
    expect(await page.isVisible('#f-topic'), 'the fields stay hidden once opened');
    const topics = await page.$$eval('#f-topic option', (os) => os.map((o) => o.value).filter(Boolean));
    const t = topics[0];
    const want = builtCards(lang).filter((c) => c.topics.includes(t)).map((c) => c.code);
    await page.selectOption('#f-topic', t);
    await page.waitForFunction((v) => new URLSearchParams(location.search).get('topic') === v, t);
    await page.waitForFunction((n) => document.querySelectorAll('[data-list] [data-course]:not([hidden])').length === n, want.length);
    sameSet(await visibleCodes(page), want, `topic ${t}`);
    // Reloaded with that filter in the address (a shared link): open from the start.
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => document.querySelector('[data-filter-box]').open), 'a filter set from the address, yet the filters are folded');
    await ctx.close();
    const wide = await newContext({ width: 1280, height: 800 });
    const p2 = await open(wide, `/${lang}/courses/`);
    expect(await p2.evaluate(() => document.querySelector('[data-filter-box]').open), 'the filters are folded on a wide screen');
    expect(await p2.isVisible('#f-topic'), 'the fields are hidden on a wide screen');
    await wide.close();
  });
}

// ---- 3c. a course page's first screen ------------------------------------------------------
// On a phone (390x844) every course page open for applications has its apply button on the
// first screen, and again after the refund table; a cancelled course has no apply button, even
// later by the visitor's clock; the "On this page" links lead to sections of the page.
for (const lang of ['en', 'ar'].filter((l) => LANGS.includes(l))) {
  await check(`course ${lang}: apply on the first screen at 390x844, again after the refunds`, async () => {
    const dir = path.join(ROOT, lang, 'courses');
    const slugs = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'index.html')));
    const open = slugs.filter((d) => /data-apply-button/.test(read(`${lang}/courses/${d}/index.html`)));
    expect(open.length > 0, `no ${lang} course page open for applications`);
    const ctx = await newContext({ width: 390, height: 844 });
    const page = await ctx.newPage();
    let refunds = 0;
    for (const slug of open) {
      await page.goto(`${ORIGIN}/${lang}/courses/${slug}/`, { waitUntil: 'load' });
      const box = await page.locator('a[data-apply-button]').first().boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= 844, `${slug}: apply button at ${JSON.stringify(box)}, below the first screen`);
      const after = await page.evaluate(() => {
        const t = document.querySelector('table.refunds');
        if (!t) return null;
        return [...document.querySelectorAll('a[data-apply-button]')].some((a) => t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      if (after !== null) { refunds += 1; expect(after, `${slug}: no apply button after the refund table`); }
      const broken = await page.$$eval('nav.contents a', (as) => as.map((a) => a.getAttribute('href')).filter((h) => !document.getElementById(decodeURIComponent(h.slice(1)))));
      expect(broken.length === 0, `${slug}: "On this page" links to missing sections ${broken.join(' ')}`);
    }
    expect(refunds > 0, `no ${lang} open course with a refund table`);
    await ctx.close();
  });
}
if (LANGS.includes('en')) {
  await check('course en: a cancelled course has no apply button, now or later', async () => {
    const dir = path.join(ROOT, 'en', 'courses');
    const cancelled = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'index.html')) && /class="status status-cancelled"/.test(read(`en/courses/${d}/index.html`)));
    expect(cancelled.length > 0, 'no cancelled course in the example site');
    for (const clock of [NOW, new Date(NOW.getTime() + 60 * 86400000)]) {
      const ctx = await newContext({ width: 390, height: 844, clock });
      const page = await ctx.newPage();
      for (const slug of cancelled) {
        await page.goto(`${ORIGIN}/en/courses/${slug}/`, { waitUntil: 'load' });
        const n = await page.locator('a[data-apply-button]:visible, a[data-apply-later]:visible').count();
        expect(n === 0, `${slug} (cancelled): ${n} apply buttons at ${clock.toISOString()}`);
      }
      await ctx.close();
    }
  });
}

// ---- 3d. no layout shift when the clock changes an application's state ------------------------
// A page read later than its build: the state script restates every apply box (the head's, the
// one after the refunds, each run's row) by the visitor's clock. At 390x844, for every course
// page and every instant where one of its boxes changes (opening, closing soon, closed, closed
// when the course started), the script comes after the first paint (its request is held back, as
// on a slow network) and the boxes keep their size: nothing on the page moves.
const boxesOf = (html) => [...html.matchAll(/<div class="apply[^"]*" data-apply[^>]*>/g)].map((m) => m[0]);
function stateClocks(html) {
  const at = new Set();
  for (const b of boxesOf(html)) {
    if (!['not-yet-open', 'open', 'closing-soon'].includes(attrOf(b, 'data-state'))) continue;
    const opens = attrOf(b, 'data-opens');
    const dl = attrOf(b, 'data-deadline');
    if (opens) at.add(new Date(opens).getTime() + 60000);
    if (dl) { at.add(new Date(dl).getTime() - 3 * DAY); at.add(new Date(dl).getTime() + 60000); }
  }
  return [...at].filter((t) => t > NOW.getTime()).sort((a, b) => a - b);
}
for (const lang of ['en', 'ar'].filter((l) => LANGS.includes(l))) {
  await check(`layout shift ${lang}: none on course pages when the clock changes an application's state`, async () => {
    const dir = path.join(ROOT, lang, 'courses');
    const slugs = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, 'index.html')));
    const ctx = await newContext({ width: 390, height: 844 });
    const bad = [];
    const changed = new Set();
    let loads = 0;
    for (const slug of slugs) {
      const html = read(`${lang}/courses/${slug}/index.html`);
      const built = boxesOf(html).map((b) => attrOf(b, 'data-state'));
      for (const t of stateClocks(html)) {
        await ctx.clock.setFixedTime(new Date(t));
        const page = await ctx.newPage();
        await watchShifts(page);
        await page.goto(`${ORIGIN}/${lang}/courses/${slug}/`, { waitUntil: 'load' });
        await page.waitForFunction(() => window.Prospectus);
        await page.waitForTimeout(200);
        const now = await page.$$eval('.apply[data-apply]', (es) => es.map((e) => e.getAttribute('data-state')));
        now.forEach((s, i) => { if (s !== built[i]) changed.add(`${built[i]}>${s}`); });
        const { cls, shifts } = await shiftsOf(page);
        if (cls >= 0.001) bad.push(`${slug} at ${new Date(t).toISOString()} (${built.join(',')} > ${now.join(',')}): CLS ${cls.toFixed(4)} [${shifts.map((x) => x[1]).join('; ')}]`);
        loads += 1;
        await page.unrouteAll({ behavior: 'wait' });
        await page.close();
      }
    }
    await ctx.close();
    expect(loads > 0, `no ${lang} course page whose application state changes after the build`);
    // The example site has each change in English; every language has at least a closing.
    for (const c of lang === 'en' ? ['not-yet-open>open', 'open>closing-soon', 'closing-soon>closed', 'open>closed'] : ['open>closed']) {
      expect(changed.has(c), `no ${lang} box went ${c} (changes seen: ${[...changed].join(' ')})`);
    }
    expect(bad.length === 0, bad.join('\n'));
  });
}

// At the build's time, the state script restates nothing, and does so without the browser's
// time zone data (its first use costs 20-60 ms of main thread, four times more on a slow phone):
// the calendar and a page closing soon make no Intl.DateTimeFormat in a zone.
for (const lang of ['en', 'ar'].filter((l) => LANGS.includes(l))) {
  await check(`state script ${lang}: no time zone arithmetic at the build's time`, async () => {
    const closing = builtCards(lang).find((c) => c.state === 'closing-soon' && c.href.startsWith(`/${lang}/`));
    const ctx = await newContext({ width: 390, height: 844 });
    await ctx.addInitScript(() => {
      const D = Intl.DateTimeFormat;
      window.__zoned = 0;
      Intl.DateTimeFormat = function (l, o) { if (o && o.timeZone) window.__zoned += 1; return new D(l, o); };
      Intl.DateTimeFormat.prototype = D.prototype;
      Intl.DateTimeFormat.supportedLocalesOf = D.supportedLocalesOf;
    });
    for (const url of [`/${lang}/calendar/`, `/${lang}/`, closing && closing.href].filter(Boolean)) {
      const page = await open(ctx, url);
      await page.waitForFunction(() => window.Prospectus);
      const n = await page.evaluate(() => window.__zoned);
      expect(n === 0, `${url}: ${n} Intl.DateTimeFormat in a time zone at load`);
      await page.close();
    }
    await ctx.close();
  });
}

// ---- 4. site search --------------------------------------------------------------------------
if (LANGS.includes('en')) {
  await check('search en: a course code, a notice, and the query kept in the URL', async () => {
    const cards = builtCards('en');
    const ctx = await newContext();
    const page = await open(ctx, '/en/search/');
    expect(await page.isHidden('[data-search-fallback]'), 'the no-script text shows with script');
    await page.fill('#s-q', cards[0].code);
    await page.waitForSelector('[data-search-results] li');
    const first = await page.$eval('[data-search-results] li a', (a) => a.getAttribute('href'));
    expect(first === cards[0].href, `first result ${first}, expected ${cards[0].href}`);
    const notices = read('en/notices/index.html');
    const m = /<li[^>]*><a href="(\/en\/notices\/[^"]+\/)">([^<]+)<\/a>/.exec(notices);
    const word = m[2].split(/\s+/).filter((w) => w.length > 5)[0];
    await page.fill('#s-q', word);
    await page.waitForFunction((href) => [...document.querySelectorAll('[data-search-results] a')].some((a) => a.getAttribute('href') === href), m[1]);
    expect(new URL(page.url()).searchParams.get('q') === word, `URL ${page.url()}`);
    await page.reload();
    await page.waitForFunction((href) => [...document.querySelectorAll('[data-search-results] a')].some((a) => a.getAttribute('href') === href), m[1]);
    const count = await page.$eval('[data-search-count]', (e) => e.textContent);
    expect(/\d/.test(count), `count "${count}"`);
    await ctx.close();
  });
  await check('search en without script: the form submits to the page, which explains and links to the lists', async () => {
    const ctx = await newContext({ js: false, clock: null });
    const page = await open(ctx, '/en/search/');
    await page.fill('#s-q', 'gender');
    await Promise.all([page.waitForNavigation(), page.press('#s-q', 'Enter')]);
    expect(page.url().endsWith('/en/search/?q=gender'), page.url());
    expect(await page.isVisible('[data-search-fallback] a[href="/en/courses/"]'), 'no link to the catalogue');
    const cat = await open(ctx, '/en/courses/');
    expect(await cat.isHidden('form[data-filters]'), 'the filter form shows without script');
    const n = await cat.$$eval('[data-list] [data-course]', (e) => e.length);
    expect(n === builtCards('en').length, 'not every course listed');
    expect(await cat.isVisible('.topic-list a'), 'no topic links');
    await ctx.close();
  });
}
if (LANGS.includes('fr')) {
  await check('search fr: "egalite" finds the pages about "Égalité"', async () => {
    const ctx = await newContext();
    const page = await open(ctx, '/fr/search/?q=egalite');
    await page.waitForSelector('[data-search-results] li');
    const titles = await page.$$eval('[data-search-results] .result-title', (h) => h.map((x) => x.textContent));
    expect(titles.some((t) => /Égalité|égalité/.test(t)), `titles: ${titles.join(' | ')}`);
    await ctx.close();
  });
}

if (LANGS.includes('ar')) {
  await check('search ar: a word typed without its short vowels finds the text written with them', async () => {
    const items = JSON.parse(read('ar/search/index.json')).items;
    let word = null;
    let url = null;
    for (const it of items) {
      const w = `${it[1]} ${it[2]}`.split(/\s+/).find((x) => /[\u064b-\u0652]/.test(x) && x.replace(/[\u064b-\u0652]/g, '').length >= 4);
      if (w) { word = w.replace(/[^\u0600-\u06ff]/g, ''); url = it[3]; break; }
    }
    expect(word, 'no Arabic word with harakat in the search index');
    const bare = word.replace(/[\u064b-\u0652]/g, '');
    const ctx = await newContext();
    const page = await open(ctx, `/ar/search/?q=${encodeURIComponent(bare)}`);
    await page.waitForFunction((href) => [...document.querySelectorAll('[data-search-results] a')].some((a) => a.getAttribute('href') === href), url);
    await ctx.close();
  });
}

// ---- 5. language switcher --------------------------------------------------------------------
if (LANGS.length > 1) {
  await check('language switcher: from a course to its translation, and to the right-to-left home', async () => {
    const ctx = await newContext();
    const cards = builtCards(LANGS[0]);
    const course = cards.find((c) => c.href.startsWith(`/${LANGS[0]}/`));
    const page = await open(ctx, course.href);
    const cur = await page.$eval('.languages [aria-current]', (e) => e.getAttribute('lang'));
    expect(cur === LANGS[0], `current language marked ${cur}`);
    const targets = await page.$$eval('.languages a', (as) => as.map((a) => [a.getAttribute('hreflang'), a.getAttribute('href')]));
    expect(targets.length > 0, 'no other language');
    const [lang, href] = targets[0];
    await Promise.all([page.waitForNavigation(), page.click(`.languages a[hreflang="${lang}"]`)]);
    expect(new URL(page.url()).pathname === href, `landed on ${page.url()}`);
    expect(await page.$eval('html', (h) => h.lang) === lang, 'html lang');
    const code = await page.$eval('[data-course]', (e) => e.getAttribute('data-code'));
    expect(code === course.code, `another course: ${code}`);
    const rtl = LANGS.find((l) => l === 'ar');
    if (rtl) {
      const home = await open(ctx, `/${LANGS[0]}/`);
      await Promise.all([home.waitForNavigation(), home.click(`.languages a[hreflang="${rtl}"]`)]);
      expect(await home.$eval('html', (h) => h.dir) === 'rtl', 'Arabic page not rtl');
    }
    await ctx.close();
  });
}

// ---- 6. the application state in the visitor's browser ---------------------------------------
for (const lang of LANGS) {
  const card = builtCards(lang).find((c) => c.state === 'closing-soon' && c.href.startsWith(`/${lang}/`));
  if (!card) continue;
  await check(`apply state ${lang}: built "closing soon", opened after the deadline, shows "closed" and no button`, async () => {
    const built = read(card.href.slice(1) + 'index.html');
    const box = /<div class="apply[^"]*" data-apply[^>]*>/.exec(built)[0];
    expect(attrOf(box, 'data-state') === 'closing-soon', `built as ${attrOf(box, 'data-state')}`);
    expect(/data-apply-button/.test(built), 'the built page has no apply button');
    const deadline = new Date(attrOf(box, 'data-deadline'));
    const strings = /<div id="prospectus-strings"[^>]*>/.exec(built)[0];
    const closedLine = attrOf(strings, 'data-apply-line-closed').replace('{deadline}', attrOf(box, 'data-deadline-text'))
      .replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    // One minute after the deadline.
    const ctx = await newContext({ clock: new Date(deadline.getTime() + 60000) });
    const page = await open(ctx, card.href);
    const st = await page.$eval('.apply[data-apply]', (e) => ({ state: e.getAttribute('data-state'), cls: e.className, line: e.querySelector('[data-apply-line]').textContent, buttons: e.querySelectorAll('[data-apply-button], a.button').length }));
    expect(st.state === 'closed' && /state-closed/.test(st.cls), `state ${JSON.stringify(st)}`);
    expect(st.buttons === 0, 'the apply button is still there');
    expect(st.line === closedLine, `line "${st.line}", expected "${closedLine}"`);
    await shot(page, `${lang}-course-after-deadline-1280`);
    // The catalogue card says it too, and "open now" leaves the course out.
    const cat = await open(ctx, `/${lang}/courses/?open=1`);
    await cat.waitForSelector('form[data-filters][data-ready]');
    const cardState = await cat.$eval(`[data-list] [data-code="${card.code}"]`, (e) => ({ state: e.getAttribute('data-state'), hidden: e.hidden }));
    expect(cardState.state === 'closed' && cardState.hidden, `catalogue card ${JSON.stringify(cardState)}`);
    await ctx.close();
    // A clock behind the build never reopens or changes what the build said.
    const early = await newContext({ clock: new Date(NOW.getTime() - 30 * DAY) });
    const p2 = await open(early, card.href);
    const st2 = await p2.$eval('.apply[data-apply]', (e) => ({ state: e.getAttribute('data-state'), buttons: e.querySelectorAll('[data-apply-button]').length }));
    expect(st2.state === 'closing-soon' && st2.buttons === 1, `clock behind: ${JSON.stringify(st2)}`);
    await early.close();
  });
}
{
  const lang = LANGS[0];
  const card = builtCards(lang).find((c) => c.state === 'not-yet-open' && c.href.startsWith(`/${lang}/`));
  if (card) {
    await check(`apply state ${lang}: built "not yet open", opened after the opening, shows the apply button`, async () => {
      const built = read(card.href.slice(1) + 'index.html');
      const box = /<div class="apply[^"]*" data-apply[^>]*>/.exec(built)[0];
      const opens = new Date(attrOf(box, 'data-opens'));
      const ctx = await newContext({ clock: new Date(opens.getTime() + 60000) });
      const page = await open(ctx, card.href);
      const st = await page.$eval('.apply[data-apply]', (e) => ({ state: e.getAttribute('data-state'), visible: [...e.querySelectorAll('[data-apply-button]')].filter((b) => !b.hidden).length }));
      expect((st.state === 'open' || st.state === 'closing-soon') && st.visible === 1, JSON.stringify(st));
      await ctx.close();
    });
  }
}

// ---- 6a. a course given several times: each run's row follows its own deadline and opening ---
for (const lang of LANGS) {
  // A course page with a table of runs, one run closing and a later one not yet open.
  const pages = [...read(`${lang}/courses/index.html`).matchAll(/<article class="card"[^>]*>[\s\S]*?<a href="([^"]+)"/g)].map((m) => m[1]);
  const withRuns = pages.map((href) => ({ href, html: read(href.slice(1) + 'index.html') }))
    .find((p) => /<table class="runs">/.test(p.html) && /data-state="not-yet-open"/.test(p.html.split('<table class="runs">')[1] || ''));
  if (!withRuns) continue;
  await check(`runs ${lang}: each run's row closes at its deadline and opens at its opening, by the visitor's clock`, async () => {
    const table = withRuns.html.split('<table class="runs">')[1].split('</table>')[0];
    const boxes = [...table.matchAll(/<div class="apply[^"]*" data-apply[^>]*>/g)].map((m) => m[0]);
    const first = boxes.find((b) => attrOf(b, 'data-deadline') && ['open', 'closing-soon'].includes(attrOf(b, 'data-state')));
    const later = boxes.find((b) => attrOf(b, 'data-state') === 'not-yet-open');
    expect(first && later, 'a run open and a run not yet open in the built table');
    const rowStates = (page) => page.$$eval('table.runs:first-of-type .apply[data-apply]', (es) => es.map((e) => ({
      state: e.getAttribute('data-state'),
      buttons: [...e.querySelectorAll('[data-apply-button], [data-apply-later]')].filter((b) => !b.hidden).length,
    })));
    const i = boxes.indexOf(first);
    const j = boxes.indexOf(later);
    // One minute after the first run's deadline: its row is closed, without a button.
    const closes = new Date(attrOf(first, 'data-deadline'));
    let ctx = await newContext({ clock: new Date(closes.getTime() + 60000) });
    let st = await rowStates(await open(ctx, withRuns.href));
    expect(st[i].state === 'closed' && st[i].buttons === 0, `after its deadline: ${JSON.stringify(st[i])}`);
    await ctx.close();
    // One minute after the later run opens: its row offers the form.
    const opens = new Date(attrOf(later, 'data-opens'));
    ctx = await newContext({ clock: new Date(opens.getTime() + 60000) });
    const page = await open(ctx, withRuns.href);
    st = await rowStates(page);
    expect(['open', 'closing-soon'].includes(st[j].state) && st[j].buttons === 1, `after its opening: ${JSON.stringify(st[j])}`);
    await shot(page, `${lang}-runs-after-opening-1280`);
    await ctx.close();
  });
}

// ---- 6b. prices in the visitor's browser: an early-booking price ends ------------------------
for (const lang of LANGS) {
  const cat = read(`${lang}/courses/index.html`);
  const m = /<article class="card"[^>]*>(?:(?!<\/article>)[\s\S])*?<dd data-price data-price-steps="([^"]*)"/.exec(cat);
  if (!m) continue;
  const cardCode = code(m[0]);
  const steps = JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&#x2F;/g, '/').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
  await check(`price ${lang}: a card built with an early-booking price shows the next price once it has ended`, async () => {
    const [at, before, money, after, word] = steps[0];
    const expected = word ? money : `${before}${money}${after}`;
    const shown = async (clock) => {
      const ctx = await newContext({ clock });
      const page = await open(ctx, `/${lang}/courses/`);
      const card = await page.$eval(`[data-code="${cardCode}"] [data-price]`, (e) => ({ text: e.textContent, money: (e.querySelector('bdi.money') || {}).textContent }));
      const href = await page.$eval(`[data-code="${cardCode}"] a`, (a) => a.getAttribute('href'));
      const course = await open(ctx, href);
      const rows = await course.$$eval('tr[data-ends]', (rs) => rs.map((r) => ({ past: /(^|\s)past(\s|$)/.test(r.className), note: !r.querySelector('[data-ended]').hidden })));
      await ctx.close();
      return { card, rows };
    };
    // One minute after the option's last instant: the next price, in its own isolated number.
    const later = await shown(new Date(new Date(at).getTime() + 60000));
    expect(later.card.text === expected, `card "${later.card.text}", expected "${expected}"`);
    expect(word || later.card.money === money, `money "${later.card.money}"`);
    expect(later.rows.length > 0 && later.rows.some((r) => r.past && r.note), `rows ${JSON.stringify(later.rows)}`);
    // At the build's clock (before the end), nothing changes.
    const now = await shown(NOW);
    expect(now.card.text !== expected && now.rows.every((r) => !r.past && !r.note), `before the end: ${JSON.stringify(now)}`);
  });
}

// The instant of a wall-clock time in the zone `tz` (Node's ICU), for clocks set "at 00:30 in
// Rome": the offset is read at a first guess, then again at the result (DST days).
function zoned(y, m, d, h, mi, tz) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const offsetAt = (t) => {
    const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - t;
  };
  const wall = Date.UTC(y, m - 1, d, h, mi);
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return new Date(t);
}
function dayOf(t, tz) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(t).map((x) => [x.type, x.value]));
  return [+p.year, +p.month, +p.day];
}
const unattr = (v) => v.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
// The line the state script should write, from the page's own strings.
function expectedLine(strings, lang, days, deadline) {
  const str = (k) => { const v = attrOf(strings, `data-${k.replace(/_/g, '-')}`); return v === null ? null : unattr(v); };
  const cat = new Intl.PluralRules(lang).select(days);
  const daysText = (str(`days_${cat}`) || str('days_other')).replace('{n}', String(days));
  const key = days === 0 ? 'apply_line_last_day' : days === 1 ? 'apply_line_closes_tomorrow' : 'apply_line_closing_soon';
  return str(key).replace('{days}', daysText).replace('{deadline}', deadline);
}
for (const lang of LANGS) {
  const card = builtCards(lang).find((c) => c.state === 'closing-soon' && c.href.startsWith(`/${lang}/`));
  if (!card) continue;
  await check(`apply state ${lang}: days left are calendar days in the course's zone (4, tomorrow, last day), whatever the visitor's zone`, async () => {
    const built = read(card.href.slice(1) + 'index.html');
    const box = /<div class="apply[^"]*" data-apply[^>]*>/.exec(built)[0];
    const strings = /<div id="prospectus-strings"[^>]*>/.exec(built)[0];
    const tz = attrOf(box, 'data-tz');
    expect(tz, 'the apply box carries the course\'s zone (data-tz)');
    const deadline = new Date(attrOf(box, 'data-deadline'));
    const deadlineText = unattr(attrOf(box, 'data-deadline-text'));
    const [y, m, d] = dayOf(deadline, tz);
    for (const days of [4, 1, 0]) {
      // 00:30 in the course's zone, `days` days before the last day: in UTC and in Lima
      // (the visitor's zone here) it is still the day before.
      const last = new Date(Date.UTC(y, m - 1, d - days));
      const clock = zoned(last.getUTCFullYear(), last.getUTCMonth() + 1, last.getUTCDate(), 0, 30, tz);
      const ctx = await newContext({ clock, timezoneId: 'America/Lima' });
      const page = await open(ctx, card.href);
      const got = await page.$eval('.apply[data-apply] [data-apply-line]', (e) => e.textContent);
      const want = expectedLine(strings, lang, days, deadlineText);
      expect(got === want, `${days} day(s) before, at ${clock.toISOString()}: "${got}", expected "${want}"`);
      if (lang === 'en') {
        const literal = { 4: 'Applications close in 4 days', 1: 'Applications close tomorrow', 0: 'Last day to apply' }[days];
        expect(got.startsWith(literal), `"${got}" does not start with "${literal}"`);
      }
      const cardLine = await (await open(ctx, `/${lang}/courses/`)).$eval(`[data-code="${card.code}"] [data-apply-line]`, (e) => e.textContent);
      expect(cardLine === want, `catalogue card ${days} day(s) before: "${cardLine}"`);
      await ctx.close();
    }
  });
}
{
  const lang = LANGS.includes('en') ? 'en' : LANGS[0];
  const card = builtCards(lang).find((c) => c.href.startsWith(`/${lang}/`));
  await check(`apply state ${lang}: without a deadline, open until the course starts, days counted to the start`, async () => {
    // No course of the example site has a link but no deadline: a box as the build writes one
    // (applications close the second before 8 September 2025, 00:00 in Rome) is added to a page.
    const built = read(card.href.slice(1) + 'index.html');
    const strings = /<div id="prospectus-strings"[^>]*>/.exec(built)[0];
    const str = (k) => unattr(attrOf(strings, `data-${k.replace(/_/g, '-')}`));
    const start = '8 September 2025';
    const starts = str('apply_line_course_starts').replace('{start}', start);
    const ctx = await newContext({ clock: zoned(2025, 9, 3, 12, 0, 'Europe/Rome'), timezoneId: 'Asia/Tokyo' });
    const page = await open(ctx, card.href);
    const line = async () => page.evaluate(() => {
      window.Prospectus.refresh();
      const e = document.getElementById('t-until-start');
      return { state: e.getAttribute('data-state'), line: e.querySelector('[data-apply-line]').textContent };
    });
    await page.evaluate((s) => {
      const e = document.createElement('div');
      e.id = 't-until-start';
      e.setAttribute('data-apply', '');
      e.setAttribute('data-state', 'open');
      e.setAttribute('data-deadline', '2025-09-07T21:59:59Z');
      e.setAttribute('data-until-start', s);
      e.setAttribute('data-tz', 'Europe/Rome');
      // Not innerHTML: the pages are served with Trusted Types required (docs/hosting.md).
      e.appendChild(document.createElement('p')).setAttribute('data-apply-line', '');
      document.body.appendChild(e);
    }, start);
    let st = await line();
    const want4 = expectedLine(strings, lang, 4, starts);
    expect(st.state === 'closing-soon' && st.line === want4, `3 September: ${JSON.stringify(st)}, expected "${want4}"`);
    await page.clock.setFixedTime(zoned(2025, 9, 7, 23, 59, 'Europe/Rome'));
    st = await line();
    const want0 = expectedLine(strings, lang, 0, starts);
    expect(st.line === want0, `7 September, 23:59: ${JSON.stringify(st)}, expected "${want0}"`);
    await page.clock.setFixedTime(zoned(2025, 9, 8, 0, 0, 'Europe/Rome'));
    st = await line();
    const closed = str('apply_line_closed_at_start').replace('{start}', start);
    expect(st.state === 'closed' && st.line === closed, `8 September, 00:00: ${JSON.stringify(st)}, expected "${closed}"`);
    await ctx.close();
  });
}

// ---- 7. print --------------------------------------------------------------------------------
for (const lang of ['en', 'ar'].filter((l) => LANGS.includes(l))) {
  const course = builtCards(lang).find((c) => c.href.startsWith(`/${lang}/`) && /data-apply-button/.test(read(c.href.slice(1) + 'index.html')));
  if (!course) continue;
  await check(`print ${lang}: a course prints on A4 as an information note`, async () => {
    const ctx = await newContext();
    const page = await open(ctx, course.href);
    await page.emulateMedia({ media: 'print' });
    const v = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length > 0).map((e) => e.textContent.trim().slice(0, 60));
      return {
        printed: shown('nav, .skip, .site-footer, .button, form'),
        needed: ['h1', '.key-facts', '.refunds', '.apply-at', '.contacts'].filter((s) => shown(s).length === 0),
        applyAt: shown('.apply-at')[0] || '',
      };
    });
    expect(v.printed.length === 0, `printed but should not be: ${v.printed.join(' | ')}`);
    expect(v.needed.length === 0, `not printed: ${v.needed.join(', ')}`);
    expect(/https?:\/\//.test(v.applyAt), `application URL not written out: ${v.applyAt}`);
    await page.pdf({ path: path.join(OUT, `course-${lang}.pdf`), format: 'A4', printBackground: false });
    const size = fs.statSync(path.join(OUT, `course-${lang}.pdf`)).size;
    expect(size > 10000, `PDF of ${size} bytes`);
    await ctx.close();
  });
}

} // end of parts 2 to 7 (--suite all)

// ---- 9. between builds: every list page with the clock a year after the build (between.mjs) ----
if (SUITE === 'all' || SUITE === 'clock') {
  await betweenBuilds({ check, expect, newContext, ORIGIN, ROOT, NOW, LANGS, axe, shot });
}

// ---- 10. counts written by the page script: numbers as the build writes them ------------------
// "1,234 courses" where the build writes "1,234" (tests/fixtures/numbers.json holds what the
// build writes in each shipped language; its unit test checks the build against it): the page
// script's counted texts (prospectus.js `count`, which find.js uses too) in each language of
// the site that the table has.
{
  const table = JSON.parse(fs.readFileSync(new URL('../fixtures/numbers.json', import.meta.url), 'utf8'));
  const langs = LANGS.filter((l) => table.written[l]);
  await check(`counts: numbers written as the build writes them in ${langs.join(' ')}`, async () => {
    expect(langs.length > 0, `no language of the site in tests/fixtures/numbers.json (${LANGS.join(' ')})`);
    const ctx = await newContext();
    const page = await ctx.newPage();
    const bad = [];
    for (const lang of langs) {
      await page.goto(`${ORIGIN}/${lang}/`, { waitUntil: 'load' });
      const got = await page.evaluate((ns) => {
        const el = document.createElement('p');
        el.setAttribute('data-x-other', '{n}');
        el.setAttribute('data-x-one', '{n}');
        return ns.map((n) => (window.Prospectus && window.Prospectus.count ? window.Prospectus.count('x', n, el) : null));
      }, table.numbers);
      table.numbers.forEach((n, i) => {
        if (got[i] !== table.written[lang][i]) bad.push(`${lang} ${n}: the page writes ${JSON.stringify(got[i])}, the build ${JSON.stringify(table.written[lang][i])}`);
      });
    }
    await ctx.close();
    expect(bad.length === 0, bad.join('\n'));
  });
}

// ---- 8. console errors, failed and external requests -----------------------------------------
await browser.close();
server.close();
record('no console errors or uncaught exceptions', problems.console.length === 0, [...new Set(problems.console)].slice(0, 20).join('\n'));
record('no failed requests', problems.requests.length === 0, [...new Set(problems.requests)].slice(0, 20).join('\n'));
record('no request leaves 127.0.0.1', problems.external.length === 0, [...new Set(problems.external)].slice(0, 20).join('\n'));

console.log(`screenshots and PDFs: ${OUT} (${fs.readdirSync(path.join(OUT, 'screenshots')).length} screenshots) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
finish(OUT, { origin: ORIGIN, now: NOW.toISOString(), isolated, seconds: (Date.now() - started) / 1000 });
