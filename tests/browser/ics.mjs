// Reads every .ics file of a built site with ical.js (Mozilla's parser, used by Thunderbird),
// as an outside check of the calendars beside the Rust tests' parser (see docs/ci.md):
//   node tests/browser/ics.mjs <public dir> <now, e.g. 2025-08-20T10:00:00Z>
// Exits 1 when a file does not parse or an event lacks what a calendar program needs.
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

const stamp = ICAL.Time.fromDateTimeString(now.replace(/Z$/, '') + 'Z').toUnixTime();
const problems = [];
let events = 0;
for (const file of files) {
  const name = relative(root, file);
  let cal;
  try {
    cal = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    problems.push(`${name}: does not parse: ${e.message}`);
    continue;
  }
  if (cal.name !== 'vcalendar') problems.push(`${name}: the root is ${cal.name}`);
  if (cal.getFirstPropertyValue('version') !== '2.0') problems.push(`${name}: VERSION is not 2.0`);
  if (!cal.getFirstPropertyValue('prodid')) problems.push(`${name}: no PRODID`);
  const vevents = cal.getAllSubcomponents('vevent');
  if (vevents.length === 0) problems.push(`${name}: no VEVENT`);
  for (const ev of vevents) {
    events += 1;
    const uid = ev.getFirstPropertyValue('uid');
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
    if (start && !start.isDate && start.zone !== ICAL.Timezone.utcTimezone) {
      problems.push(`${name}: ${uid}: a timed DTSTART not in UTC`);
    }
  }
}
for (const p of problems) console.error(p);
const { version } = JSON.parse(readFileSync(new URL('./node_modules/ical.js/package.json', import.meta.url), 'utf8'));
console.log(`ics (ical.js ${version}): ${files.length} files, ${events} events, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
