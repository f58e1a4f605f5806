// Translations keep their facts unless the default language's changes them.
//
// Prospectus lets a translation state a fact (a date, the fee, the topics) that the default
// language's file leaves out: the others inherit it. The CMS instead mirrors every fact of the
// default language into the translations whenever a field of it is written, also when nothing
// changed (a drop-down list writes its empty value as it appears). Left alone, opening a course
// whose English file inherits its time zone from the French one, and saving it, would remove
// the French file's time zone. So, before the CMS writes the files (its `preSave` event), every
// fact the default language's entry did not change is put back in each translation as that
// translation's file had it; a fact the user changed there (in the form: facts are read-only in
// the translations' panes) goes to every translation that states it, as the CMS mirrors it, and
// stays out of those that leave it out (they inherit it from the default language's file).
// "Changed" is judged on what the pane showed, with the facts inherited from a translation
// (inherit.js): one of them cleared is a change, and leaves the translations that state it. No
// DOM here: the tests run this in Node.

import { SOURCE, INHERITED, read, values, same } from './toml-edit.js';
import { withInherited } from './form.js';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function getPath(obj, path) {
  return path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}

function setPath(obj, path, value) {
  let o = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (o[k] === undefined || o[k] === null || typeof o[k] !== 'object') {
      o[k] = typeof path[i + 1] === 'number' ? [] : {};
    }
    o = o[k];
  }
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(o) || isObject(o)) delete o[last];
  } else {
    o[last] = value;
  }
}

/**
 * The key paths of the facts in `fields` found in any of `objs` (lists of tables by index:
 * `['sessions', 0, 'start']`).
 */
function factPaths(fields, objs, prefix = []) {
  const out = [];
  for (const f of fields) {
    const here = objs.map((o) => (o === undefined || o === null ? undefined : o[f.key]));
    const path = [...prefix, f.key];
    if (f.type === 'group') {
      out.push(...factPaths(f.fields, here.map((v) => (isObject(v) ? v : undefined)), path));
    } else if (f.type === 'groups') {
      const n = Math.max(0, ...here.map((v) => (Array.isArray(v) ? v.length : 0)));
      for (let i = 0; i < n; i++) {
        out.push(...factPaths(f.fields, here.map((v) => (Array.isArray(v) ? v[i] : undefined)), [...path, i]));
      }
    } else if (f.lang === 'fact') {
      out.push(path);
    }
  }
  return out;
}

/**
 * Puts back, in each translation's entry `others` (modified in place), the facts the default
 * language's entry `main` did not change from its file. Entries without a file (new ones, or a
 * language added now) are left as the CMS made them.
 */
export function keepTranslationFacts(main, others, fields) {
  if (typeof main?.[SOURCE] !== 'string') return;
  // Changed or not is judged on what the pane showed, the facts the file inherits included
  // (inherit.js): such a fact cleared there is a change, which the translations stating it follow.
  const mainWas = values(withInherited(read(main[SOURCE], fields), main[INHERITED]), fields);
  const mainShown = values({ ...main, [INHERITED]: undefined }, fields);
  // What the default language's file will say.
  const mainNow = values(main, fields);
  for (const other of others) {
    // A course with no file in the default language stands in with a translation: not itself.
    if (typeof other?.[SOURCE] !== 'string' || other[SOURCE] === main[SOURCE]) continue;
    const was = read(other[SOURCE], fields);
    const wasValues = values(was, fields);
    for (const path of factPaths(fields, [mainWas, mainShown, wasValues, values(other, fields)])) {
      // A fact the translation's file leaves out, which the default language's now states: the
      // translation goes on inheriting it. (In a list of tables, only when the file has no such
      // list: a translation that lists sessions lists the same dates.)
      const inList = path.some((k) => typeof k === 'number');
      const inherits = getPath(wasValues, inList ? [path[0]] : path) === undefined && getPath(mainNow, path) !== undefined;
      if (inherits || same(getPath(mainWas, path), getPath(mainShown, path))) {
        setPath(other, path, structuredClone(getPath(was, path)));
        // A key of shared ids and own tables is two fields in the form (toml-edit.js).
        const own = path.length === 1 ? fields.find((f) => f.key === path[0])?.own : undefined;
        if (own) setPath(other, [own], structuredClone(was[own]));
      }
    }
    // Lists of tables emptied of every item by the above lose their empty items.
    for (const f of fields) {
      if (f.type === 'groups' && Array.isArray(other[f.key])) {
        other[f.key] = other[f.key].filter((x) => x !== undefined && x !== null);
      }
    }
  }
}
