// The facts a course's file leaves out and a translation states, shown in its pane.
//
// Prospectus lets one file of a course state a fact (its topics, time zone, policy, deadline)
// that the others leave out: they inherit it. The CMS reads each file alone, so the default
// language's pane would show such a fact empty. The CMS reads the files of a collection in
// batches, each file's format called one after the other in the same task and awaited together;
// so `readInheriting` reads a file, waits for the end of the task, and then fills in what the
// files of the same course (same `code`, same collection) state and this one leaves out. What it
// filled in is listed in the entry (INHERITED), and not written unless it is changed (toml-edit.js,
// `values`). Facts inside a list of tables (the sessions' dates) are not filled in. A course whose
// files fall into two batches (more than 200 files in the collection) may show some empty.
// No DOM here.

import { read, INHERITED, normal } from './toml-edit.js';
import { withInherited } from './form.js';

/** The facts a file can inherit, as groups of key paths of the form (a key's shared ids and own tables together). */
function inheritable(fields) {
  const out = [];
  for (const f of fields) {
    if (f.lang !== 'fact' || f.type === 'groups') continue;
    if (f.type === 'group') {
      for (const s of f.fields || []) {
        if (s.lang === 'fact' && s.type !== 'group' && s.type !== 'groups') out.push([[f.key, s.key]]);
      }
    } else {
      out.push(typeof f.own === 'string' ? [[f.key], [f.own]] : [[f.key]]);
    }
  }
  return out;
}

const get = (obj, path) => path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
const given = (data, paths) => paths.some((p) => normal(get(data, p)) !== undefined);

/** Fills in (in place) each entry of one course with the facts it leaves out and another states. */
function fill(entries, fields) {
  for (const data of entries) {
    const marks = [];
    for (const paths of inheritable(fields)) {
      if (given(data, paths)) continue;
      const from = entries.find((o) => o !== data && given(o, paths));
      if (!from) continue;
      marks.push({ paths, was: paths.map((p) => get(from, p)) });
    }
    if (marks.length) data[INHERITED] = JSON.stringify(marks);
    withInherited(data, data[INHERITED]);
  }
}

let batch;

/** `read` (toml-edit.js), with the facts the file inherits from the files read in the same task. */
export function readInheriting(text, fields) {
  const data = read(text, fields);
  if (!batch) {
    const b = { items: [] };
    batch = b;
    b.done = new Promise((resolve) => {
      setTimeout(() => {
        batch = undefined;
        const courses = new Map();
        for (const it of b.items) {
          if (typeof it.data.code !== 'string') continue;
          if (!courses.has(it.fields)) courses.set(it.fields, new Map());
          const byCode = courses.get(it.fields);
          if (!byCode.has(it.data.code)) byCode.set(it.data.code, []);
          byCode.get(it.data.code).push(it.data);
        }
        for (const [fields, byCode] of courses) for (const entries of byCode.values()) fill(entries, fields);
        resolve();
      }, 0);
    });
  }
  batch.items.push({ data, fields });
  return batch.done.then(() => data);
}
