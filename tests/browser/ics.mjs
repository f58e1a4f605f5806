// Reads every .ics file of a built site with ical.js (Mozilla's parser, used by Thunderbird),
// as an outside check of the calendars beside the Rust tests' parser (see docs/ci.md):
//   node tests/browser/ics.mjs <public dir> <now, e.g. 2025-08-20T10:00:00Z>
// Exits 1 when a file does not parse or an event lacks what a calendar program needs, and checks
// what keeps subscribers up to date (issue 15), as .ci/ics-check.py does with Python: URL,
// SOURCE, REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL on every calendar; X-WR-CALNAME and
// X-WR-CALDESC written as NAME and DESCRIPTION, TEXT-escaped (RFC 5545 §3.8.8.2) and shown by
// ical.js as written (it reads X- properties and NAME as written, a comma as `\,`, unless the
// line says VALUE=TEXT); METHOD only
// with an ORGANIZER in every event; SEQUENCE and LAST-MODIFIED on every event; a deadline of
// zero length (ical.js's end = its start) with a reminder one day before; a cancelled or
// postponed course's deadline with no reminder and no link but its course page.
import ICAL from 'ical.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const [root, now] = process.argv.slice(2);
if (!root || !now) {
  console.error('usage: node ics.mjs <public dir> <now>');
  process.exit(2);
}
const files = [];
(function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.ics')) files.push(p);
  }
})(root);

// A comma or semicolon after an even number of backslashes: not TEXT-escaped.
const UNESCAPED = /(?<!\\)(?:\\\\)*[,;]/;

// The value of the calendar's first `prop` line as written in the file (unfolded).
function rawValue(text, prop) {
  for (const line of text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/)) {
    if (line === 'BEGIN:VEVENT') return null;
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).split(';')[0].toUpperCase() === prop) return line.slice(colon + 1);
  }
  return null;
}

// RFC 5545 §3.3.11: what a TEXT value says.
const unescapeText = (raw) => raw.replace(/\\([\\,;nN])/g, (_, c) => (c === 'n' || c === 'N' ? '\n' : c));

function calendarProblems(cal, vevents, text) {
  const out = [];
  for (const prop of ['url', 'source', 'refresh-interval', 'x-published-ttl', 'x-wr-calname']) {
    if (!cal.hasProperty(prop)) out.push(`no ${prop.toUpperCase()}`);
  }
  const refresh = cal.getFirstProperty('refresh-interval');
  if (refresh) {
    if (refresh.getParameter('value') !== 'DURATION' && refresh.type !== 'duration') {
      out.push('REFRESH-INTERVAL without VALUE=DURATION');
    }
    const ttl = ICAL.Duration.fromString(String(cal.getFirstPropertyValue('x-published-ttl')));
    const every = ICAL.Duration.fromString(String(refresh.getFirstValue()));
    if (ttl.toSeconds() !== every.toSeconds() || ttl.toSeconds() <= 0) {
      out.push('X-PUBLISHED-TTL is not REFRESH-INTERVAL');
    }
  }
  // X-WR-CALNAME (Google, Apple, Outlook) and NAME (RFC 7986) give the same name.
  const xname = cal.getFirstPropertyValue('x-wr-calname');
  if (xname != null && String(xname) !== String(cal.getFirstPropertyValue('name'))) {
    out.push(`X-WR-CALNAME is not written as NAME: ${xname}`);
  }
  for (const prop of ['X-WR-CALNAME', 'X-WR-CALDESC', 'NAME']) {
    const v = cal.getFirstPropertyValue(prop.toLowerCase());
    const raw = rawValue(text, prop);
    if (raw != null && UNESCAPED.test(raw)) {
      out.push(`${prop} has a comma or semicolon without its TEXT escape: ${raw}`);
    }
    if (raw != null && v != null && String(v) !== unescapeText(raw)) {
      out.push(`${prop} is shown as ${JSON.stringify(String(v))}, not as written: ${JSON.stringify(unescapeText(raw))}`);
    }
  }
  if (cal.hasProperty('method') && vevents.some((ev) => !ev.hasProperty('organizer'))) {
    out.push('METHOD without an ORGANIZER in every event (RFC 5546)');
  }
  return out;
}

function eventProblems(ev) {
  const out = [];
  for (const prop of ['sequence', 'last-modified']) {
    if (!ev.hasProperty(prop)) out.push(`no ${prop.toUpperCase()}`);
  }
  const modified = ev.getFirstPropertyValue('last-modified');
  if (modified && modified.toUnixTime() > stamp) out.push("LAST-MODIFIED after the build's time");
  if (!String(ev.getFirstPropertyValue('uid')).includes('-deadline-')) return out;
  const e = new ICAL.Event(ev);
  if (ev.hasProperty('dtend') || !ev.hasProperty('duration')) out.push('a deadline without DURATION');
  else if (e.endDate.compare(e.startDate) !== 0) out.push(`a deadline lasting ${e.duration}`);
  const alarms = ev.getAllSubcomponents('valarm');
  if (ev.getFirstPropertyValue('status') === 'CONFIRMED') {
    const triggers = alarms.map((a) => String(a.getFirstPropertyValue('trigger')));
    const oneDay = triggers.length === 1 && ICAL.Duration.fromString(triggers[0]).toSeconds() === -86400;
    if (!oneDay) out.push(`a deadline's reminder is not one day before: ${triggers}`);
  } else {
    if (alarms.length) out.push("a cancelled or postponed course's deadline has a reminder");
    const page = ev.getFirstPropertyValue('url');
    const links = (String(ev.getFirstPropertyValue('description') || '').match(/https?:\/\/\S+/g) || [])
      .filter((u) => u !== page);
    if (links.length) out.push(`a cancelled or postponed course's deadline links to ${links}`);
  }
  return out;
}

const stamp = ICAL.Time.fromDateTimeString(now.replace(/Z$/, '') + 'Z').toUnixTime();
const problems = [];
let events = 0;
for (const file of files) {
  const name = relative(root, file);
  let cal;
  const text = readFileSync(file, 'utf8');
  try {
    cal = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    problems.push(`${name}: does not parse: ${e.message}`);
    continue;
  }
  if (cal.name !== 'vcalendar') problems.push(`${name}: the root is ${cal.name}`);
  if (cal.getFirstPropertyValue('version') !== '2.0') problems.push(`${name}: VERSION is not 2.0`);
  if (!cal.getFirstPropertyValue('prodid')) problems.push(`${name}: no PRODID`);
  const vevents = cal.getAllSubcomponents('vevent');
  if (vevents.length === 0) problems.push(`${name}: no VEVENT`);
  for (const p of calendarProblems(cal, vevents, text)) problems.push(`${name}: ${p}`);
  for (const ev of vevents) {
    events += 1;
    const uid = ev.getFirstPropertyValue('uid');
    for (const p of eventProblems(ev)) problems.push(`${name}: ${uid}: ${p}`);
    for (const prop of ['uid', 'dtstamp', 'dtstart', 'summary', 'url', 'status']) {
      if (!ev.hasProperty(prop)) problems.push(`${name}: ${uid}: no ${prop.toUpperCase()}`);
    }
    const dtstamp = ev.getFirstPropertyValue('dtstamp');
    if (dtstamp && dtstamp.toUnixTime() !== stamp) {
      problems.push(`${name}: ${uid}: DTSTAMP ${dtstamp} is not the build's time ${now}`);
    }
    const start = ev.getFirstPropertyValue('dtstart');
    const end = ev.getFirstPropertyValue('dtend');
    if (start && end && end.compare(start) <= 0) problems.push(`${name}: ${uid}: DTEND not after DTSTART`);
    if (ev.hasProperty('rrule')) {
      for (const p of weeklyProblems(cal, ev)) problems.push(`${name}: ${uid}: ${p}`);
    } else if (start && !start.isDate && start.zone !== ICAL.Timezone.utcTimezone) {
      problems.push(`${name}: ${uid}: a timed DTSTART not in UTC`);
    }
  }
}
// A weekly event (issue 16): its zone defined in the calendar, and every meeting ical.js expands
// at DTSTART's local time in that zone (summer and winter alike), none on an EXDATE.
function weeklyProblems(cal, ev) {
  const out = [];
  for (const z of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(z);
  const prop = ev.getFirstProperty('dtstart');
  const tzid = prop.getParameter('tzid');
  const start = prop.getFirstValue();
  if (!start.isDate && !tzid) out.push('a weekly event in UTC: DTSTART needs a TZID');
  if (tzid && !ICAL.TimezoneService.has(tzid)) out.push(`TZID=${tzid} without its VTIMEZONE`);
  const skipped = new Set(
    ev.getAllProperties('exdate').flatMap((p) => p.getValues()).map((t) => t.toString().slice(0, 10)),
  );
  const it = new ICAL.Event(ev).iterator();
  let n = 0;
  for (let t = it.next(); t && n < 2000; t = it.next(), n += 1) {
    if (skipped.has(t.toString().slice(0, 10))) out.push(`a meeting on ${t}, a day in EXDATE`);
    if (!start.isDate && (t.hour !== start.hour || t.minute !== start.minute)) {
      out.push(`the meeting of ${t} is not at ${start.hour}:${start.minute} local time`);
    }
  }
  if (n === 0) out.push('a weekly event without meetings');
  return out;
}

for (const p of problems) console.error(p);
const { version } = JSON.parse(readFileSync(new URL('./node_modules/ical.js/package.json', import.meta.url), 'utf8'));
console.log(`ics (ical.js ${version}): ${files.length} files, ${events} events, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
