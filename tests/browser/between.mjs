// Between builds (run.mjs part 9): every page with a list opened with the browser's clock a year
// after the build, as a visitor would read a site that was not rebuilt. What the pages must show
// is worked out here from the built files and the instants the pages carry (not from the page
// script): no closed course under "Open for applications", no course that has started, is
// further than the page's data-soon-days or is open for applications under "Starting soon", no
// course listed twice on the home page (also at each month between the build and then), empty lists that say so, no "(this month)" on another month, no past month
// under the coming ones, expired notices in the archive and their pages saying so, refund
// periods marked as over, and the catalogue and topic pages holding, page by page, the courses
// their order gives by that clock (current ones first). Each page also passes axe and does not
// scroll sideways at 320 px. At the build's own time nothing moves; without script, a page says
// which day it shows.
import fs from 'node:fs';
import path from 'node:path';
import { watchShifts, shiftsOf } from './lib.mjs';

const YEAR = 365 * 864e5;

// Every page of `lang` with a list, from the built files: home, the catalogue and topic pages
// (all their pages), the calendar and its month pages, the notices pages.
function listPages(root, lang) {
  const out = [];
  const walk = (rel) => {
    const dir = path.join(root, rel);
    if (!fs.existsSync(dir)) return;
    if (fs.existsSync(path.join(dir, 'index.html'))) out.push(`/${rel}/`);
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && /^(page|\d+|\d{4}-\d{2}|[a-z0-9-]+)$/.test(e.name)) {
        const sub = `${rel}/${e.name}`;
        // Course pages are not lists: only the pages of `courses/page/` and the archive's.
        if (rel === `${lang}/courses` && e.name !== 'page' && e.name !== 'past') continue;
        if (rel === `${lang}/notices` && e.name !== 'page') continue;
        walk(sub);
      }
    }
  };
  out.push(`/${lang}/`);
  for (const top of ['courses', 'topics', 'calendar', 'notices']) walk(`${lang}/${top}`);
  return [...new Set(out)].filter((u) => u !== `/${lang}/topics/`);
}

// The test's own reading of the order rule (docs/authors.md "The order of the catalogue"): courses to
// come or running by their start, then those without dates, then finished ones, the most
// recently ended first; then by code. With [catalogue] past = "archive" or "hide" the catalogue
// and topic pages (part "current") hold no finished course, the archive (part "past") only them.
function expectedOrder(rows, fields, clock, part) {
  const f = (name) => fields.indexOf(name);
  const key = (r) => {
    const s = r[f('start')];
    const e = r[f('end')];
    if (s === null || e === null) return [1, 0, r[0]];
    return clock <= e * 1000 ? [0, s, r[0]] : [2, -e, r[0]];
  };
  const inPart = (r) => (part === 'current' ? key(r)[0] !== 2 : part === 'past' ? key(r)[0] === 2 : true);
  return rows.filter(inPart).sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
  }).map((r) => r[0]);
}

// What the page shows that it should not, at `clock` (ms), read from the DOM's built data.
function wrongAt(clock) {
  const shown = (el) => !el.closest('[hidden]') && !el.closest('template') && el.getClientRects().length > 0;
  const at = (el, a) => { const v = el && el.getAttribute(a); return v ? Date.parse(v) : null; };
  const bad = [];
  for (const c of document.querySelectorAll('[data-home-list="open"] [data-items] > [data-course]')) {
    if (!shown(c)) continue;
    const a = c.querySelector('[data-apply]');
    const closes = at(a, 'data-deadline');
    const opens = at(a, 'data-opens');
    if (!a || (closes !== null && closes < clock) || (opens !== null && opens > clock)) bad.push(`"open for applications" lists ${c.dataset.code}`);
  }
  const soonDays = +(document.querySelector('[data-home-list="soon"]') || { dataset: {} }).dataset.soonDays;
  for (const c of document.querySelectorAll('[data-home-list="soon"] [data-items] > [data-course]')) {
    const start = at(c, 'data-start');
    if (shown(c) && !(start !== null && start > clock)) bad.push(`"starting soon" lists ${c.dataset.code}`);
    if (shown(c) && start !== null && start - clock > soonDays * 864e5) bad.push(`"starting soon" lists ${c.dataset.code}, more than ${soonDays} days ahead`);
    // Open for applications at this clock: its place is the other list.
    const a = c.querySelector('[data-apply]');
    const opens = at(a, 'data-opens');
    const closes = at(a, 'data-deadline');
    const open = a && ['open', 'closing-soon', 'not-yet-open'].includes(a.dataset.state) && (opens === null || opens <= clock) && closes !== null && clock < closes;
    if (shown(c) && open) bad.push(`"starting soon" lists ${c.dataset.code}, which is open for applications`);
  }
  const seen = new Set();
  for (const c of document.querySelectorAll('[data-home-list] [data-items] > [data-course]')) {
    if (!shown(c)) continue;
    if (seen.has(c.dataset.code)) bad.push(`the home page lists ${c.dataset.code} twice`);
    seen.add(c.dataset.code);
  }
  for (const s of document.querySelectorAll('[data-home-list]')) {
    const n = [...s.querySelectorAll('[data-items] > *')].filter(shown).length;
    const none = s.querySelector('[data-none]');
    if (n === 0 && !(none && shown(none))) bad.push(`the empty list "${s.dataset.homeList}" does not say so`);
    if (n > 0 && none && shown(none)) bad.push(`the list "${s.dataset.homeList}" says it is empty`);
    if (n > +s.dataset.max) bad.push(`the list "${s.dataset.homeList}" shows ${n} (at most ${s.dataset.max})`);
  }
  for (const li of document.querySelectorAll('[data-home-list="notices"] li, [data-notices="current"] li')) {
    const e = at(li, 'data-expires');
    if (shown(li) && e !== null && e < clock) bad.push(`expired notice listed as current: ${li.textContent.trim().slice(0, 50)}`);
  }
  for (const li of document.querySelectorAll('[data-notices="archived"] li')) {
    const e = at(li, 'data-expires');
    if (shown(li) && !(e !== null && e < clock)) bad.push(`current notice in the archive: ${li.textContent.trim().slice(0, 50)}`);
  }
  const tz = document.getElementById('prospectus-strings').getAttribute('data-site-tz');
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit' })
    .formatToParts(new Date(clock)).map((x) => [x.type, x.value]));
  const ym = `${p.year}-${p.month}`;
  for (const m of document.querySelectorAll('.cal-now')) {
    const holder = m.closest('[data-month]');
    if (shown(m) && (!holder || holder.dataset.month !== ym)) bad.push(`"(this month)" on ${holder ? holder.dataset.month : '?'} (it is ${ym})`);
  }
  for (const m of document.querySelectorAll('[data-cal="upcoming"] [data-month], .cal-preview[data-month]')) {
    if (shown(m) && m.dataset.month < ym) bad.push(`past month ${m.dataset.month} shown as coming`);
  }
  const up = document.querySelector('[data-cal="upcoming"]');
  if (up && ![...up.querySelectorAll('[data-month]')].some(shown) && !shown(up.querySelector(':scope > [data-none]'))) bad.push('no coming month, and the calendar does not say so');
  for (const pm of document.querySelectorAll('p[data-expires]')) {
    if (shown(pm) && at(pm, 'data-expires') < clock) bad.push('an expired notice still says until when it is current');
  }
  for (const tr of document.querySelectorAll('tr[data-over]')) {
    if (at(tr, 'data-over') <= clock && !tr.classList.contains('past')) bad.push(`refund period not marked as over: ${tr.textContent.trim().slice(0, 40)}`);
  }
  return bad;
}

const unescape = (s) => s.replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&#x2F;/g, '/').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
const attr = (tag, name) => { const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag); return m ? unescape(m[1]) : null; };

// A course given several times whose lead run at the build closes, and a later run opens, before
// the site is rebuilt: its page's table of runs as built (rows with their dates, deadline and
// apply box), the lead row and the row that takes over. None when the site has no such course.
function runsHandover(read, root, lang) {
  const dir = path.join(root, lang, 'courses');
  for (const slug of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(lang, 'courses', slug, 'index.html');
    if (!fs.existsSync(path.join(root, file))) continue;
    const html = read(file);
    if (!/<article class="course"[^>]* data-runs=/.test(html)) continue;
    const rows = [...html.matchAll(/<tr id="run-[^"]*" data-run="([^"]+)"([^>]*)><th scope="row">([\s\S]*?)<\/th><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td><td[^>]*>([\s\S]*?)<\/td>/g)]
      .map((m) => ({ code: m[1], lead: /lead-run/.test(m[2]), dates: unescape(m[3]), place: unescape(m[4]), deadline: unescape(m[5]), box: (/<div class="apply[^"]*" data-apply[^>]*>/.exec(m[6]) || [''])[0], href: attr(m[6], 'href') }));
    const lead = rows.find((r) => r.lead);
    const next = rows.find((r) => attr(r.box, 'data-state') === 'not-yet-open' && attr(r.box, 'data-opens'));
    if (!lead || !next || !attr(lead.box, 'data-deadline')) continue;
    const code = /<article class="course" data-course data-code="([^"]+)"/.exec(html)[1];
    return { url: `/${lang}/courses/${slug}/`, code, rows, lead, next };
  }
  return null;
}

// The cumulative layout shift of `url` at `clock`, `width`×`height`, the state script arriving
// after the page itself (its request held back, as on a slow network, so that a browser that
// may paint before it has run does): every shift until the lists have settled (the cards the
// script loads from other pages in), with the elements that moved.
async function shiftOf(newContext, ORIGIN, url, clock, width, height) {
  const ctx = await newContext({ clock, width, height });
  const page = await ctx.newPage();
  await watchShifts(page);
  await page.goto(ORIGIN + url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(300);
  const { cls, shifts } = await shiftsOf(page);
  await page.unrouteAll({ behavior: 'wait' });
  await ctx.close();
  return { cls, what: [...new Set(shifts.map((x) => x[1]))].join('; ') };
}

// A course given several times whose run, in `lang`, shows a text of the site's first language
// (`first`): the same words on both pages' tables of runs, for a run without dates (its
// starts_note), which leads once the others have ended. None when the site has none.
function fallbackRun(read, root, lang, first) {
  if (lang === first) return null;
  const dir = path.join(root, lang, 'courses');
  for (const slug of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = `${lang}/courses/${slug}/index.html`;
    const other = `${first}/courses/${slug}/index.html`;
    if (!fs.existsSync(path.join(root, file)) || !fs.existsSync(path.join(root, other))) continue;
    const html = read(file);
    const tag = /<article class="course"[^>]* data-runs="([^"]*)"/.exec(html);
    if (!tag) continue;
    const runs = JSON.parse(unescape(tag[1])).runs;
    const rows = (h) => Object.fromEntries([...h.matchAll(/<tr id="run-[^"]*" data-run="([^"]+)"[^>]*><th scope="row"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => [m[1], unescape(m[2])]));
    const mine = rows(html);
    const theirs = rows(read(other));
    const run = runs.find((r) => !r.end && mine[r.code] && mine[r.code] === theirs[r.code]);
    const ends = runs.filter((r) => r.end).map((r) => Date.parse(r.end));
    if (!run || ends.length === 0) continue;
    const rtl = (l) => ['ar', 'fa', 'he', 'ur'].includes(l);
    return {
      url: `/${lang}/courses/${slug}/`, code: /<article class="course" data-course data-code="([^"]+)"/.exec(html)[1], run: run.code,
      text: mine[run.code], lang: first, dir: rtl(first) ? 'rtl' : 'ltr', clock: new Date(Math.max(...ends) + 864e5),
    };
  }
  return null;
}

export async function betweenBuilds({ check, expect, newContext, ORIGIN, ROOT, NOW, LANGS, axe, shot }) {
  const later = new Date(NOW.getTime() + YEAR);
  const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

  // Read long after the build (474 days: a site built on 2025-08-20 read on 2026-12-07), the
  // pages whose lists the clock changes most: nothing moves under the reader (CLS below 0.001,
  // the layout-shift API reporting sub-pixel moves of text that is laid out again, none seen so
  // far), on a phone and a laptop, in the site's first language and Arabic (or its second).
  const long = new Date(NOW.getTime() + 474 * 864e5);
  for (const lang of [LANGS[0], LANGS.includes('ar') ? 'ar' : LANGS[1]].filter(Boolean)) {
    const topics = fs.existsSync(path.join(ROOT, lang, 'topics')) ? fs.readdirSync(path.join(ROOT, lang, 'topics'))
      .filter((t) => /data-stale-after=/.test(fs.existsSync(path.join(ROOT, lang, 'topics', t, 'index.html')) ? read(`${lang}/topics/${t}/index.html`) : '')) : [];
    const urls = [`/${lang}/`, `/${lang}/notices/`, `/${lang}/courses/`, `/${lang}/courses/past/`, `/${lang}/calendar/`, ...topics.slice(0, 2).map((t) => `/${lang}/topics/${t}/`)]
      .filter((u) => fs.existsSync(path.join(ROOT, u, 'index.html')));
    await check(`between builds ${lang}: nothing moves on ${urls.length} list pages read ${long.toISOString().slice(0, 10)} (390x844, 1280x800)`, async () => {
      expect(topics.length > 0, `no ${lang} topic page whose list changes by the clock: no test`);
      const bad = [];
      let most = 0;
      for (const url of urls) {
        for (const [w, h] of [[390, 844], [1280, 800]]) {
          const { cls, what } = await shiftOf(newContext, ORIGIN, url, long, w, h);
          most = Math.max(most, cls);
          if (cls >= 0.001) bad.push(`${url} at ${w}x${h}: CLS ${cls.toFixed(4)} [${what}]`);
        }
      }
      console.log(`  ${lang}: the largest cumulative layout shift of ${urls.length * 2} loads is ${most}`);
      expect(bad.length === 0, bad.join('\n'));
    });
  }
  for (const lang of LANGS) {
    // A course given several times: once its lead run has closed and a later one opened, the
    // page's apply boxes and key facts and its card show the later run (Course::lead's rule, read
    // here as: the run whose applications are open by then), without a rebuild.
    const h = runsHandover(read, ROOT, lang);
    if (h) await check(`between builds ${lang}: ${h.code}, its lead run closed and the next one open, shows the next run on its page and card`, async () => {
      const clock = new Date(Math.max(Date.parse(attr(h.lead.box, 'data-deadline')), Date.parse(attr(h.next.box, 'data-opens'))) + 60000);
      const closes = Date.parse(attr(h.next.box, 'data-deadline'));
      expect(clock.getTime() < closes, `${h.next.code} closes before ${clock.toISOString()}: no test`);
      const page = (tab) => tab.evaluate(() => {
        const out = (e) => e && !e.closest('table.runs') && !e.closest('[hidden]') && e.getClientRects().length > 0;
        const boxes = [...document.querySelectorAll('article.course [data-apply]')].filter(out);
        const facts = document.querySelector('.key-facts');
        const dd = (k) => {
          const e = facts.querySelector(`[data-lead="${k}"]`);
          const d = e && (e.matches('dd') ? e : e.querySelector('dd'));
          return out(d) ? d.textContent.trim() : null;
        };
        return {
          boxes: boxes.map((b) => ({ state: b.dataset.state, deadline: b.dataset.deadline || null, buttons: [...b.querySelectorAll('a.button')].filter((a) => !a.hidden).map((a) => a.getAttribute('href')), codes: [...b.querySelectorAll('a.button bdi')].filter((e) => !e.closest('[hidden]')).map((e) => e.textContent.trim()) })),
          dates: dd('dates'),
          code: dd('code'),
          deadline: dd('deadline'),
          lead: (document.querySelector('table.runs tr.lead-run') || { dataset: {} }).dataset.run || null,
        };
      });
      const wants = (st, row, open) => {
        expect(st.boxes.length === 2, `${h.url}: ${st.boxes.length} apply boxes outside the table (under the title and after the refunds)`);
        for (const b of st.boxes) {
          expect(b.deadline === attr(row.box, 'data-deadline'), `${h.url}: an apply box closes at ${b.deadline}, ${row.code}'s at ${attr(row.box, 'data-deadline')}`);
          // (A run may have no form in this language: then no button.)
          const buttons = row.href ? [row.href] : [];
          if (open) expect(['open', 'closing-soon'].includes(b.state) && b.buttons.join(' ') === buttons.join(' '), `${h.url}: apply box ${JSON.stringify(b)}, expected open with [${buttons}]`);
          // Its button names the run it applies to (for a screen reader: "Apply – M0000005-B").
          expect(b.codes.every((c) => c === row.code), `${h.url}: an apply button names ${b.codes}, the run is ${row.code}`);
        }
        expect(st.code === row.code, `${h.url}: key facts code "${st.code}", the run's "${row.code}"`);
        expect(st.dates === row.dates, `${h.url}: key facts dates "${st.dates}", ${row.code}'s "${row.dates}"`);
        expect(st.deadline === row.deadline, `${h.url}: key facts deadline "${st.deadline}", ${row.code}'s "${row.deadline}"`);
      };
      // At the build's time: the lead run as built.
      let ctx = await newContext();
      let tab = await ctx.newPage();
      await tab.goto(ORIGIN + h.url);
      wants(await page(tab), h.lead, true);
      await ctx.close();
      // The next run's row in the first language's page (its place as written there).
      const first = (runsHandover(read, ROOT, LANGS[0]) || { rows: [] }).rows.find((r) => r.code === h.next.code);
      // After the handover: the next run, on the page and on its card in every list.
      ctx = await newContext({ clock });
      tab = await ctx.newPage();
      await tab.goto(ORIGIN + h.url);
      const st = await page(tab);
      wants(st, h.next, true);
      expect(st.lead === h.next.code, `${h.url}: the table marks ${st.lead} as the run shown first`);
      await axe(tab);
      await shot(tab, `${lang}-runs-handover-1280`);
      for (const url of [`/${lang}/`, `/${lang}/courses/`]) {
        await tab.goto(ORIGIN + url);
        await tab.waitForTimeout(300);
        const cards = await tab.evaluate((code) => [...document.querySelectorAll(`[data-course][data-code="${code}"]`)]
          .filter((c) => !c.closest('[hidden]') && !c.closest('template')).map((c) => {
            const a = c.querySelector('[data-apply]');
            const places = [...c.querySelectorAll('[data-lead="places"] bdi.place')].map((b) => ({ text: b.textContent.trim(), lang: b.closest('[lang]').getAttribute('lang') }));
            return { state: c.dataset.state, deadline: a && a.dataset.deadline, dates: c.querySelector('[data-lead="dates"]').firstChild.textContent.trim(), code: c.querySelector('.fact-code dd').textContent.trim(), places, line: a && a.textContent.trim() };
          }), h.code);
        if (url.endsWith('/courses/')) expect(cards.length === 1, `${url}: ${cards.length} cards of ${h.code}`);
        for (const c of cards) {
          expect(c.deadline === attr(h.next.box, 'data-deadline') && ['open', 'closing-soon'].includes(c.state), `${url}: the card of ${h.code}: ${JSON.stringify(c)}`);
          expect(c.dates === h.next.dates, `${url}: the card's dates "${c.dates}", ${h.next.code}'s "${h.next.dates}"`);
          expect(c.code === h.next.code, `${url}: the card's code "${c.code}", the run's "${h.next.code}"`);
          // Its places carry the language they are written in: the first language's words
          // (the run's place there) where this page shows them, else the page's own.
          for (const p of c.places) {
            const want = lang !== LANGS[0] && first && first.place && (first.place.includes(p.text) || p.text.includes(first.place)) ? LANGS[0] : lang;
            expect(p.lang === want, `${url}: the card's place "${p.text}" is marked ${p.lang}, expected ${want}`);
          }
          expect(c.places.length > 0, `${url}: the card of ${h.code} shows no place`);
        }
      }
      await ctx.close();
      // Without script, the build's text stays.
      ctx = await newContext({ clock, js: false });
      tab = await ctx.newPage();
      await tab.goto(ORIGIN + h.url);
      wants(await page(tab), h.lead, false);
      await ctx.close();
    });
    // A run whose text this language takes from another (a starts_note written in English
    // only): once the clock makes it the run shown first, the key facts and the cards show it
    // marked with its language, as the build marks it in the table of runs.
    const f = fallbackRun(read, ROOT, lang, LANGS[0]);
    if (f) await check(`between builds ${lang}: ${f.code}, shown first once its other runs have ended, keeps the language mark of its text (${f.lang})`, async () => {
      const ctx = await newContext({ clock: f.clock });
      const tab = await ctx.newPage();
      const marks = (sel) => tab.$$eval(sel, (es) => es.filter((e) => !e.closest('template') && !e.closest('table.runs')).map((e) => {
        const t = e.matches('dd') && e.querySelector(':scope > span:not(.more-dates)') ? e.querySelector(':scope > span:not(.more-dates)') : e;
        return { text: t.textContent.trim(), lang: t.closest('[lang]').getAttribute('lang'), dir: getComputedStyle(t).direction };
      }));
      const want = (m, where) => {
        expect(m.text === f.text, `${where}: dates "${m.text}", expected the run's "${f.text}"`);
        expect(m.lang === f.lang, `${where}: "${m.text}" is in ${f.lang}, marked ${m.lang}`);
        expect(m.dir === f.dir, `${where}: "${m.text}" laid out ${m.dir}, expected ${f.dir}`);
      };
      await tab.goto(ORIGIN + f.url);
      const row = await tab.$eval(`table.runs tr[data-run="${f.run}"] th`, (e) => ({ lang: e.closest('[lang]').getAttribute('lang') }));
      expect(row.lang === f.lang, `${f.url}: the table of runs marks "${f.text}" as ${row.lang}, not ${f.lang}`);
      const facts = await marks('.key-facts [data-lead="dates"]');
      expect(facts.length === 1, `${f.url}: ${facts.length} key facts dates`);
      facts.forEach((m) => want(m, `${f.url} key facts`));
      // Its card, in the catalogue or (finished by the catalogue's order) in the archive.
      let seen = 0;
      for (const url of [`/${lang}/courses/`, `/${lang}/courses/past/`]) {
        if (!fs.existsSync(path.join(ROOT, url, 'index.html'))) continue;
        await tab.goto(ORIGIN + url);
        await tab.waitForTimeout(300);
        const cards = await marks(`[data-list] > [data-course][data-code="${f.code}"] [data-lead="dates"]`);
        cards.forEach((m) => want(m, `${url} card`));
        seen += cards.length;
      }
      expect(seen > 0, `no card of ${f.code} in the catalogue or the archive`);
      await ctx.close();
    });

    const pages = listPages(ROOT, lang);
    const data = JSON.parse(read(`${lang}/courses/index.json`));
    const size = (() => {
      const m = /data-order-size="(\d+)"/.exec(read(`${lang}/courses/index.html`));
      return m ? +m[1] : null;
    })();
    await check(`between builds ${lang}: ${pages.length} list pages a year after the build hold nothing stale, pass axe and reflow`, async () => {
      expect(pages.length >= 4, `list pages: ${pages.join(' ')}`);
      const ctx = await newContext({ clock: later });
      const small = await newContext({ clock: later, width: 320, height: 800 });
      const tab = await ctx.newPage();
      const smallTab = await small.newPage();
      for (const url of pages) {
        await tab.goto(ORIGIN + url);
        // The catalogue and topic pages: the courses their page holds by this clock.
        const m = new RegExp(`^/${lang}/(courses|courses/past|topics/([^/]+))/(?:page/(\\d+)/)?$`).exec(url);
        if (m && size) {
          const topic = m[2];
          const ti = topic ? data.topics.indexOf(topic) : -1;
          const rows = data.courses.filter((r) => !topic || r[data.fields.indexOf('topics')].includes(ti));
          const page = +(m[3] || 1);
          const part = (/data-order-part="(\w+)"/.exec(read(`${url.slice(1)}index.html`)) || [])[1] || '';
          const want = expectedOrder(rows, data.fields, later.getTime(), part).slice((page - 1) * size, page * size);
          await tab.waitForFunction((w) => [...document.querySelectorAll('[data-list] > [data-course]')]
            .filter((c) => !c.hidden).map((c) => c.dataset.code).join(' ') === w, want.join(' '), { timeout: 5000 })
            .catch(() => {});
          const got = await tab.$$eval('[data-list] > [data-course]', (cs) => cs.filter((c) => !c.hidden).map((c) => c.dataset.code));
          expect(got.join(' ') === want.join(' '), `${url}: the cards are [${got.join(' ')}], by the visitor's clock [${want.join(' ')}]`);
        }
        const bad = await tab.evaluate(wrongAt, later.getTime());
        expect(bad.length === 0, `${url}:\n${bad.join('\n')}`);
        await axe(tab);
        if (lang === LANGS[0]) await shot(tab, `${lang}-a-year-later-${url.replace(/\//g, '_')}-1280`);
        await smallTab.goto(ORIGIN + url);
        await smallTab.waitForTimeout(200);
        const over = await smallTab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(over <= 1, `${url} at 320 px: ${over} px wider than the window`);
      }
      await ctx.close();
      await small.close();
    });

    // The cards the filters show for courses of another catalogue page are that page's cards
    // (a site whose catalogue is one page, such as the example, has no such course).
    if (fs.existsSync(path.join(ROOT, `${lang}/courses/page/2/index.html`))) await check(`between builds ${lang}: filtered cards of courses on other catalogue pages are the cards those pages show, now and a year later`, async () => {
      const others = [...read(`${lang}/courses/page/2/index.html`).matchAll(/<article class="card" data-course data-code="([^"]+)"/g)].map((x) => x[1]);
      expect(others.length > 0, 'the catalogue has no second page: no test');
      for (const clock of [NOW, later]) {
        const ctx = await newContext({ clock });
        const tab = await ctx.newPage();
        // The cards as the catalogue's pages show them at this clock (a year later, the state
        // script may have moved a card to the other page, or to the archive: the filters then
        // leave it out, as the catalogue does).
        const shown = {};
        for (const [k, url] of [`/${lang}/courses/`, `/${lang}/courses/page/2/`].entries()) {
          await tab.goto(ORIGIN + url);
          // Until the state script has reordered the page (the cards the clock gives it).
          const part = (/data-order-part="(\w+)"/.exec(read(`${url.slice(1)}index.html`)) || [])[1] || '';
          const want = expectedOrder(data.courses, data.fields, clock.getTime(), part).slice(k * size, (k + 1) * size);
          await tab.waitForFunction((w) => [...document.querySelectorAll('[data-list] > [data-course]')]
            .filter((c) => !c.hidden).map((c) => c.dataset.code).join(' ') === w, want.join(' '), { timeout: 10000 }).catch(() => {});
          Object.assign(shown, await tab.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-list] > [data-course]')]
            .filter((e) => !e.hidden).map((e) => [e.dataset.code, e.outerHTML]))));
        }
        const iEnd = data.fields.indexOf('end');
        const ended = (c) => { const r = data.courses.find((x) => x[0] === c); return r[iEnd] !== null && r[iEnd] * 1000 < clock.getTime(); };
        const current = others.filter((code) => !ended(code));
        expect(clock !== NOW || current.length === others.length, `at the build's time: ${others.filter((c) => !shown[c]).join(' ')} on no catalogue page`);
        // A course that has finished since is not found by the catalogue's filters.
        for (const code of others.filter(ended)) {
          await tab.goto(`${ORIGIN}/${lang}/courses/?q=${encodeURIComponent(code)}`);
          await tab.waitForFunction(() => document.querySelector('form[data-filters][data-ready]') && document.querySelector('[data-list][data-filtered]'), null, { timeout: 5000 }).catch(() => {});
          await tab.waitForTimeout(300);
          const left = await tab.$$eval('[data-list] > [data-course]', (cs) => cs.filter((c) => !c.hidden).map((c) => c.dataset.code));
          expect(!left.includes(code), `${code} finished by ${clock.toISOString()} but the catalogue's filters show it`);
        }
        for (const code of current) {
          await tab.goto(`${ORIGIN}/${lang}/courses/?q=${encodeURIComponent(code)}`);
          await tab.waitForFunction((c) => [...document.querySelectorAll('[data-list] > [data-course]')]
            .some((e) => !e.hidden && e.dataset.code === c), code, { timeout: 5000 }).catch(() => {});
          const card = (c) => { const e = [...document.querySelectorAll('[data-list] > [data-course]')].find((x) => x.dataset.code === c && !x.hidden); return e ? e.outerHTML : null; };
          const got = await tab.evaluate(card, code);
          const want = shown[code] || null;
          expect(want !== null, `${code}: on no catalogue page at ${clock.toISOString()}`);
          expect(got === want, `${code} at ${clock.toISOString()}: the filtered card differs from the catalogue page's:\n${got}\n${want}`);
        }
        await ctx.close();
      }
    });

    await check(`between builds ${lang}: the home page month by month until a year after the build lists each course once, in its list`, async () => {
      for (let k = 1; k <= 12; k++) {
        const clock = new Date(NOW.getTime() + k * 30 * 864e5);
        const ctx = await newContext({ clock });
        const tab = await ctx.newPage();
        await tab.goto(ORIGIN + `/${lang}/`);
        const bad = await tab.evaluate(wrongAt, clock.getTime());
        expect(bad.length === 0, `/${lang}/ on ${clock.toISOString()}:\n${bad.join('\n')}`);
        await ctx.close();
      }
    });

    await check(`between builds ${lang}: expired notices' pages say so a year later, nothing is lost from the notices pages`, async () => {
      const ctx = await newContext({ clock: later });
      const tab = await ctx.newPage();
      const built = pages.filter((u) => u.startsWith(`/${lang}/notices/`));
      for (const url of built) {
        const file = read(`${url.slice(1)}index.html`);
        const n = (file.match(/<li data-rank=/g) || []).length;
        await tab.goto(ORIGIN + url);
        const shownNow = await tab.$$eval('[data-notices] li', (ls) => ls.filter((l) => !l.closest('[hidden]')).length);
        expect(shownNow === n, `${url}: ${shownNow} notices shown, ${n} built`);
      }
      const expired = [...read(`${lang}/notices/index.html`).matchAll(/<li data-rank="\d+" data-expires="([^"]+)"><a href="([^"]+)"/g)]
        .filter((x) => Date.parse(x[1]) < later.getTime() && Date.parse(x[1]) > NOW.getTime()).map((x) => x[2]);
      expect(expired.length > 0, 'no notice expires between the build and a year later: no test');
      for (const href of expired.filter((h) => h.startsWith(`/${lang}/`))) {
        await tab.goto(ORIGIN + href);
        const st = await tab.evaluate(() => ({ archived: !!document.querySelector('.notice-head .status-archived'), until: !!document.querySelector('p[data-expires]') }));
        expect(st.archived && !st.until, `${href}: ${JSON.stringify(st)}`);
      }
      await ctx.close();
    });

    await check(`between builds ${lang}: at the build's own time the lists are as built; without script a page says which day it shows`, async () => {
      const ctx = await newContext();
      const tab = await ctx.newPage();
      for (const url of [`/${lang}/`, `/${lang}/courses/`]) {
        const file = read(`${url.slice(1)}index.html`);
        const builtCodes = [...file.replace(/<template[\s\S]*?<\/template>/g, '').matchAll(/<article class="card" data-course data-code="([^"]+)"/g)].map((x) => x[1]);
        await tab.goto(ORIGIN + url);
        await tab.waitForTimeout(300);
        const codes = await tab.$$eval('[data-course]', (cs) => cs.filter((c) => !c.closest('[hidden]') && !c.closest('template')).map((c) => c.dataset.code));
        expect(codes.join(' ') === builtCodes.join(' '), `${url}: [${codes.join(' ')}], built [${builtCodes.join(' ')}]`);
        const noteShown = await tab.evaluate(() => [...document.querySelectorAll('.as-of')].some((e) => e.getClientRects().length > 0));
        expect(!noteShown, `${url}: the "as of" note shows although the script runs`);
      }
      await ctx.close();
      const off = await newContext({ js: false, clock: later });
      const p = await off.newPage();
      for (const url of [`/${lang}/`, `/${lang}/courses/`, `/${lang}/calendar/`, `/${lang}/notices/`]) {
        const note = /<noscript><p class="as-of">([^<]+)<\/p><\/noscript>/.exec(read(`${url.slice(1)}index.html`));
        expect(note, `${url}: no "as of" note in the page`);
        await p.goto(ORIGIN + url);
        const txt = await p.$eval('.as-of', (e) => (e.getClientRects().length > 0 ? e.textContent : null)).catch(() => null);
        const want = note[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        expect(txt === want, `${url} without script: "${txt}", expected "${want}"`);
      }
      await off.close();
    });
  }
}
