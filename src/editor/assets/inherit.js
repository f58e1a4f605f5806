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
// fact one (its code, deadline, sessions). A collection of more than 200 files is read in
// several batches: see `carried` below.
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

/**
 * Fills in (in place) each entry of one course (`entries`) with the facts it leaves out and
 * another states, one of `entries` or of `earlier` (files of the course read in the batch before).
 */
function fill(entries, earlier, fields) {
  const all = [...entries, ...earlier];
  const facts = inheritable(fields, all);
  for (const data of entries) {
    const marks = [];
    for (const { paths, fields: items } of facts) {
      if (given(data, paths)) continue;
      const from = all.find((o) => o !== data && given(o, paths) && fits(data, o, paths));
      if (!from) continue;
      marks.push({ paths, was: paths.map((p) => (items ? factsOnly(get(from, p), items) : get(from, p))) });
    }
    if (marks.length) data[INHERITED] = JSON.stringify(marks);
    withInherited(data, data[INHERITED]);
  }
}

// The CMS reads a collection 200 files at a time (Sveltia CMS's `chunkSize`; its version is
// pinned in tests/browser/package-lock.json), each chunk a batch here, awaited before the next
// is read: a course whose files fell into two chunks had its later files read without the
// earlier ones (the default language's file, last of its course by path, showed the facts
// only a translation states empty). So the files of a full chunk are carried to the batch that
// follows it at once, as sources of the facts it inherits (read again from their text, as they
// were before being filled in). A batch that is not a full chunk ends the collection: nothing
// is carried past it, so that a file read again later never inherits from another's old text.
const CHUNK = 200;
const FOLLOWS_WITHIN_MS = 2000;
let carried = { items: [], at: 0 };

/** The batch's files by collection (`fields`) and course code: { entries, earlier }. */
function courses(items, earlier) {
  const out = new Map();
  const add = (it, key) => {
    if (typeof it.data.code !== 'string') return;
    if (!out.has(it.fields)) out.set(it.fields, new Map());
    const byCode = out.get(it.fields);
    if (!byCode.has(it.data.code)) byCode.set(it.data.code, { entries: [], earlier: [] });
    byCode.get(it.data.code)[key].push(it.data);
  };
  for (const it of items) add(it, 'entries');
  for (const it of earlier) add({ fields: it.fields, data: read(it.text, it.fields) }, 'earlier');
  return out;
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
        const earlier = Date.now() - carried.at <= FOLLOWS_WITHIN_MS ? carried.items : [];
        for (const [fields, byCode] of courses(b.items, earlier)) {
          for (const { entries, earlier: before } of byCode.values()) if (entries.length) fill(entries, before, fields);
        }
        const kept = b.items.map(({ text, fields }) => ({ text, fields }));
        carried = b.items.length >= CHUNK ? { items: [...earlier, ...kept], at: Date.now() } : { items: [], at: 0 };
        resolve();
      }, 0);
    });
  }
  batch.items.push({ data, fields, text });
  return batch.done.then(() => data);
}
