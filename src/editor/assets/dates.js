// Dates and times in the previews as the build writes them on pages. The build gives, per
// language (`dates`, src/editor/dates.rs), its own writing of a long date, a day and month, a
// range within one month and a time, made by the formatter the pages use with the numbers left
// as placeholders, and the language's digits; this fills them in. Ranges follow the build's
// `range_text` (render/kit/words.rs): one day is its long date; within a month the build's own
// range; within a year the year written once (last, or first where the language writes it
// first); else two long dates in the `date_range` words. A language the build gave no patterns
// for (`dates: null`) falls back to the browser's Intl. No DOM here: the tests run it in Node.

const WHEN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/** `{ y, m, d, hh, mm }` of a TOML date or date-time as written (numbers), or null. */
export function partsOf(v) {
  const m = WHEN.exec(String(v ?? '').trim());
  if (!m) return null;
  return { y: +m[1], m: +m[2], d: +m[3], hh: m[4] === undefined ? null : +m[4], mm: m[5] === undefined ? null : +m[5] };
}

const local = (p, n, width = 1) => String(n).padStart(width, '0').replace(/\d/g, (c) => p.digits[+c]);
const fill = (s, args) => s.replace(/\{(\w+)\}/g, (all, k) => (k in args ? args[k] : all));

function intlLong(lang, x) {
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(x.y, x.m - 1, x.d)));
}

/** "22 September 2025": `x` from `partsOf`, `p` the language's patterns. */
export function longDate(p, lang, x) {
  if (!p) return intlLong(lang, x);
  return fill(p.long[x.m - 1], { y: local(p, x.y), d: local(p, x.d) });
}

function dayMonth(p, x) {
  return fill(p.dayMonth[x.m - 1], { d: local(p, x.d) });
}

/** The dates from `a` to `b` (`partsOf`), as the build's `range_text`; `range` is the theme's `date_range`. */
export function rangeText(p, lang, range, a, b) {
  if (a.y === b.y && a.m === b.m && a.d === b.d) return longDate(p, lang, a);
  if (!p) return fill(range, { start: intlLong(lang, a), end: intlLong(lang, b) });
  if (a.y === b.y && a.m === b.m) return fill(p.sameMonth[a.m - 1], { y: local(p, a.y), d1: local(p, a.d), d2: local(p, b.d) });
  if (a.y === b.y) {
    const yearFirst = p.long[b.m - 1].startsWith('{y}');
    return fill(range, yearFirst
      ? { start: longDate(p, lang, a), end: dayMonth(p, b) }
      : { start: dayMonth(p, a), end: longDate(p, lang, b) });
  }
  return fill(range, { start: longDate(p, lang, a), end: longDate(p, lang, b) });
}

/**
 * A date, or a date and time with its zone's name ("25 August 2025, 5:00 PM (Italy Time)"), as
 * the build's `when_text`; `join` is the theme's `dates_schedule` words.
 */
export function whenText(p, lang, x, zone, join = '{dates}, {schedule}') {
  const date = longDate(p, lang, x);
  if (x.hh === null) return date;
  const time = p ? fill(p.hours[x.hh], { mm: local(p, x.mm, 2) }) : `${String(x.hh).padStart(2, '0')}:${String(x.mm).padStart(2, '0')}`;
  return fill(join, { dates: date, schedule: zone ? `${time} (${zone})` : time });
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const iso = (t) => new Date(t).toISOString().slice(0, 10);

/**
 * The last day of a session (its `end`; for one that meets every week, the day of its last
 * meeting: the meeting days from `start` to `repeat.until`, or the first `repeat.count` of them,
 * without `except`, as the build's `model/repeat.rs` counts them), as `YYYY-MM-DD`, or `end` as
 * written when it cannot be worked out.
 */
export function lastDay(s) {
  const first = partsOf(s?.start);
  const r = s?.repeat;
  if (!first || !r || !Array.isArray(r.days) || !r.days.length) return s?.end;
  const until = partsOf(r.until);
  const count = Number(r.count) || 0;
  if (!until && !count) return s.end;
  const except = new Set((Array.isArray(s.except) ? s.except : []).map((d) => String(d).slice(0, 10)));
  const from = Date.UTC(first.y, first.m - 1, first.d);
  const to = until ? Date.UTC(until.y, until.m - 1, until.d) : from + 3660 * 86400000;
  let last = null;
  let n = 0;
  for (let t = from; t <= to && (!count || n < count); t += 86400000) {
    const day = iso(t);
    if (!r.days.includes(DAYS[new Date(t).getUTCDay()]) || except.has(day)) continue;
    last = day;
    n += 1;
  }
  return last ?? s.end;
}
