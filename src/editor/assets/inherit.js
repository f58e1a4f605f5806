// The facts a course's file leaves out and a translation states, shown in its pane.
//
// Prospectus lets one file of a course state a fact (its topics, time zone, policy, deadline)
// that the others leave out: they inherit it. The CMS reads each file alone, so the default
// language's pane would show such a fact empty. The CMS reads the files of a collection in
// batches, each file's format called one after the other in the same task and awaited together;
// so `readInheriting` reads a file, waits for the end of the task, and then fills in what the
// files of the same course (same `code`, same collection) state and this one leaves out. What it
// filled in is listed in the entry (INHERITED), and not written unless it is changed (toml-edit.js,
// `values`). A list of tables is one fact (a file's sessions, with their dates), a run's each
// fact one (its code, deadline, sessions). A course whose files fall into two batches (more
// than 200 files in the collection) may show some empty.
// No DOM here.

import { read, INHERITED, normal } from './toml-edit.js';
import { withInherited } from './form.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const get = (obj, path) => path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
const given = (data, paths) => paths.some((p) => normal(get(data, p)) !== undefined);

/** The facts of a list's items (the texts left out, as a translation's own), for a whole list inherited. */
function factsOnly(v, fields) {
  if (Array.isArray(v)) return v.map((x) => factsOnly(x, fields));
  if (!isObject(v)) return v;
  const out = {};
  for (const f of fields || []) {
    if (f.lang !== 'fact' || v[f.key] === undefined) continue;
    out[f.key] = f.type === 'group' || f.type === 'groups' ? factsOnly(v[f.key], f.fields) : v[f.key];
  }
  return out;
}

/**
 * The facts a file can inherit, over the entries `objs` of one course (each at `prefix`): each a
 * group of key paths (a key's shared ids and own tables together), with `fields` for a list of
 * tables taken whole. A list of tables is one fact, as the build compares it (a translation that
 * lists sessions lists the same dates): taken whole from a file that has it, its items' facts
 * only. The runs (`byItem`) are matched by position, and each fact of a run is one.
 */
function inheritable(fields, objs, prefix = []) {
  const out = [];
  for (const f of fields) {
    if (f.lang !== 'fact') continue;
    const path = [...prefix, f.key];
    const here = objs.map((o) => (isObject(o) ? o[f.key] : undefined));
    if (f.type === 'group') {
      out.push(...inheritable(f.fields || [], here, path));
    } else if (f.type === 'groups' && f.byItem) {
      const n = Math.max(0, ...here.map((v) => (Array.isArray(v) ? v.length : 0)));
      for (let i = 0; i < n; i++) out.push(...inheritable(f.fields || [], here.map((v) => (Array.isArray(v) ? v[i] : undefined)), [...path, i]));
    } else if (f.type === 'groups') {
      out.push({ paths: [path], fields: f.fields });
    } else {
      out.push({ paths: typeof f.own === 'string' && !prefix.length ? [path, [f.own]] : [path] });
    }
  }
  return out;
}

/**
 * Whether `from`'s value at `paths` fits `data`: each list of tables on the way (the runs) is
 * missing in `data` or as long as in `from`, so that items are matched as the build matches them.
 */
function fits(data, from, paths) {
  return paths.every((p) => p.every((k, i) => {
    if (typeof k !== 'number') return true;
    const mine = normal(get(data, p.slice(0, i)));
    return mine === undefined || (Array.isArray(mine) && mine.length === get(from, p.slice(0, i))?.length);
  }));
}

/** Fills in (in place) each entry of one course with the facts it leaves out and another states. */
function fill(entries, fields) {
  const facts = inheritable(fields, entries);
  for (const data of entries) {
    const marks = [];
    for (const { paths, fields: items } of facts) {
      if (given(data, paths)) continue;
      const from = entries.find((o) => o !== data && given(o, paths) && fits(data, o, paths));
      if (!from) continue;
      marks.push({ paths, was: paths.map((p) => (items ? factsOnly(get(from, p), items) : get(from, p))) });
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
