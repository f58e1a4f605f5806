// The entry's values as the form shows them and as the file says them. A key that takes ids from
// a data file or tables of its own (`cancellation = "id"` or `[cancellation]`; `contacts` ids
// and `[[contacts]]` tables, mixed) is two fields in the form: the ids under the key, the tables
// under the shape's `own` name, their texts one per language (`name = "…"` is the default
// language's). And facts the form shows although the file leaves them out (inherit.js) are left
// out again when unchanged. No DOM here.

import { normal, same, isTable, find, get } from './toml-values.js';

/**
 * Key of the facts the form shows although the file leaves them out (JSON text): stated by a
 * translation, which the others inherit (inherit.js). Left unchanged, they are not written.
 */
export const INHERITED = '__prospectus_inherited';

/** The fields of a shape that take shared ids or tables of their own. */
const ownFields = (fields) => (fields || []).filter((f) => typeof f.own === 'string');

/** Whether a field of an own table is a text given per language in the form. */
const perLanguage = (s) => s.lang === 'text' && (s.type === 'text' || s.type === 'long');

/** An own table as the form shows it: each text as `{ en: "…", fr: "…" }`. */
function ownToForm(t, f) {
  if (!isTable(t)) return t;
  const out = { ...t };
  for (const s of f.fields || []) {
    if (perLanguage(s) && typeof out[s.key] === 'string') out[s.key] = { [f.language]: out[s.key] };
  }
  return out;
}

/** An own table as the file says it: a text in the default language only as a plain string. */
function ownFromForm(t, f) {
  if (!isTable(t)) return t;
  const out = { ...t };
  for (const s of f.fields || []) {
    if (!perLanguage(s) || !isTable(out[s.key])) continue;
    const texts = normal(out[s.key], { type: 'group' });
    const langs = Object.keys(texts ?? {});
    out[s.key] = langs.length === 1 && langs[0] === f.language ? texts[f.language] : texts;
  }
  return out;
}

/** The file's values with each such key split into its two fields (modified in place). */
export function toForm(data, fields) {
  for (const f of ownFields(fields)) {
    const v = data[f.key];
    if (f.type === 'id' && isTable(v)) {
      delete data[f.key];
      data[f.own] = ownToForm(v, f);
    } else if (f.type === 'ids' && Array.isArray(v) && v.some(isTable)) {
      const ids = v.filter((x) => !isTable(x));
      if (ids.length) data[f.key] = ids;
      else delete data[f.key];
      data[f.own] = v.filter(isTable).map((t) => ownToForm(t, f));
    }
  }
  return data;
}

/**
 * A list of ids and tables in the order the file had (`was`): each id where an id was, each
 * table where a table was, the rest after them.
 */
function mixed(ids, tables, was) {
  const out = [];
  let i = 0;
  let t = 0;
  for (const x of Array.isArray(was) ? was : []) {
    if (isTable(x) && t < tables.length) out.push(tables[t++]);
    else if (!isTable(x) && i < ids.length) out.push(ids[i++]);
  }
  return [...out, ...ids.slice(i), ...tables.slice(t)];
}

/**
 * The entry's values with each such key put back together (modified in place): as the file
 * `was` had it when the form did not change it; else the ids and the own tables (a single id and
 * its own table both given: the table; the editor's script refuses to save that, `ownConflicts`).
 */
export function fromForm(data, fields, was) {
  for (const f of ownFields(fields)) {
    const ids = normal(data[f.key], f.type === 'ids' ? { type: 'texts' } : undefined);
    const ownShape = f.type === 'ids' ? { type: 'groups', fields: f.fields } : { type: 'group', fields: f.fields };
    const own = data[f.own];
    delete data[f.own];
    const before = toForm({ [f.key]: structuredClone(was?.[f.key]) }, [f]);
    const formWas = [normal(before[f.key], f.type === 'ids' ? { type: 'texts' } : undefined), normal(before[f.own], ownShape)];
    if (same(formWas, [ids, normal(own, ownShape)])) {
      if (was?.[f.key] === undefined) delete data[f.key];
      else data[f.key] = was[f.key];
      continue;
    }
    if (f.type === 'id') {
      const table = normal(ownFromForm(normal(own, ownShape), f), ownShape);
      data[f.key] = table ?? ids;
    } else {
      const tables = (Array.isArray(own) ? own : [])
        .map((t) => normal(ownFromForm(normal(t, { type: 'group', fields: f.fields }), f), { type: 'group', fields: f.fields }))
        .filter((t) => t !== undefined);
      data[f.key] = mixed(ids ?? [], tables, was?.[f.key]);
    }
  }
  return data;
}

/**
 * What in an entry's values cannot be saved as it is: a key that takes one id or one table of
 * its own given both (a course's shared cancellation policy and its own). Messages for staff.
 */
export function ownConflicts(content, fields) {
  const out = [];
  for (const f of ownFields(fields)) {
    if (f.type !== 'id') continue;
    const id = normal(content?.[f.key]);
    const own = normal(content?.[f.own], { type: 'group', fields: f.fields });
    if (id !== undefined && own !== undefined) {
      const label = f.label ?? f.key;
      out.push(`${label}: both a shared one ("${id}") and an own one are filled in, and there can be only one. Choose "(None)" in "${label} (shared)", or remove the own one, then save again.`);
    }
  }
  return out;
}

// ---- inherited facts -------------------------------------------------------------------------

/** The shape of the value at `path` (a key path of the form's fields). */
function shapeAt(fields, path) {
  let f;
  let within = fields;
  for (const k of path) {
    if (typeof k === 'number') continue; // an item of a list of tables: its fields are the list's
    f = find(within, k) ?? ownFields(within).find((o) => o.own === k);
    if (f && f.own === k) f = { type: f.type === 'ids' ? 'groups' : 'group', fields: f.fields };
    within = f?.fields;
  }
  return f;
}

/**
 * Gives `data` (in place) each inherited fact (`marks`, JSON text) as the form showed it when the
 * entry was opened (inherit.js fills them in this way).
 */
export function withInherited(data, marks) {
  if (typeof marks !== 'string') return data;
  for (const { paths, was } of JSON.parse(marks)) {
    paths.forEach((p, i) => {
      // JSON gives `null` for a path the other file leaves out (an own table beside shared ids).
      if (was[i] === undefined || was[i] === null) return;
      put(data, p, was[i]);
    });
  }
  return data;
}

/**
 * Sets `value` at `path` in `data`, making the tables and lists on the way (a number is an item
 * of a list: `['runs', 1, 'application', 'deadline']`); a list made here has no holes.
 */
function put(data, path, value) {
  let o = data;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i];
    if (o[k] === null || typeof o[k] !== 'object') o[k] = typeof path[i + 1] === 'number' ? [] : {};
    o = o[k];
    if (Array.isArray(o)) {
      for (let j = 0; j < path[i + 1]; j++) if (o[j] === undefined || o[j] === null) o[j] = {};
    }
  }
  o[path[path.length - 1]] = structuredClone(value);
}

/**
 * Removes from `data` (in place) each inherited fact (`marks`, JSON text) it still holds as it
 * was given: the file goes on leaving it out.
 */
export function withoutInherited(data, marks, fields) {
  if (typeof marks !== 'string') return;
  for (const { paths, was } of JSON.parse(marks)) {
    const now = paths.map((p) => normal(get(data, p), shapeAt(fields, p)));
    const given = paths.map((p, i) => normal(was[i], shapeAt(fields, p)));
    if (!same(now, given)) continue;
    for (const p of paths) {
      // `data` is a shallow copy of the entry: a table is copied before a key leaves it.
      if (p.length > 1 && data[p[0]] && typeof data[p[0]] === 'object') data[p[0]] = structuredClone(data[p[0]]);
      const parent = get(data, p.slice(0, -1));
      if (parent && typeof parent === 'object') delete parent[p[p.length - 1]];
    }
  }
}
