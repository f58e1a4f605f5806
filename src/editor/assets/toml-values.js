// The values of a front matter as the editor compares them: the TOML parser's values as plain
// data (dates as their text), normalised as the build reads them (an empty text, list or table
// is no value), and compared. No DOM here.

import { TomlDate } from './smol-toml/index.js';

/** A date or date-time to write without quotes (TOML's own type). */
export class Literal {
  constructor(text) {
    this.text = text;
  }
}

const WHEN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A TOML date as authors write it: `2025-09-08`, `2025-09-08T09:00:00+02:00`. */
function dateText(d) {
  let s = d.toISOString();
  if (!d.isDate()) s = s.replace(/\.000(?=$|Z|[+-])/, '');
  return s;
}

/** The parser's values as plain data: dates as their text. */
export function plain(v) {
  if (v instanceof TomlDate) return dateText(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

export const find = (fields, key) => (fields || []).find((f) => f.key === key);

/**
 * A value as it is compared and written: empty texts, lists and tables are no value (the build
 * reads them as not given), nor is a flag's `false`; dates become literals, numbers written as
 * text become numbers.
 * `field` is the key's shape (undefined for keys the shape does not describe).
 */
export function normal(v, field) {
  if (v === undefined || v === null) return undefined;
  const type = field?.type;
  if (v instanceof Literal) return v;
  // `false` is what a flag means when it is not written (`draft`, `menu`).
  if (type === 'flag' && v === false) return undefined;
  if (typeof v === 'string') {
    if (type === 'when' && WHEN.test(v.trim())) return new Literal(v.trim());
    if (type === 'number' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    return v === '' ? undefined : v;
  }
  if (Array.isArray(v)) {
    const itemShape = type === 'groups' || type === 'ids' ? { type: 'group', fields: field.fields } : undefined;
    const items = v.map((x) => normal(x, itemShape)).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      const n = normal(x, find(field?.fields, k));
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v;
}

export function same(a, b) {
  if (a instanceof Literal || b instanceof Literal) {
    return a instanceof Literal && b instanceof Literal && a.text === b.text;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && same(a[k], b[k]));
  }
  return a === b;
}

export const isTable = (v) => v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Literal);
export const isTables = (v) => Array.isArray(v) && v.length > 0 && v.every(isTable);
export const get = (obj, path) => path.reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
