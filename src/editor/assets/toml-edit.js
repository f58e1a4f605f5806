// Reading a content file (TOML front matter between `+++` lines, then Markdown) into the
// editor's entry, and writing the entry back so that everything the author did not change stays
// byte for byte as written: comments, order, spacing, quotes, multi-line texts, the body, the
// line ends (a file written with Windows line ends, CRLF, is written back with them).
//
// `read` gives the editor the values as the form shows them (form.js: a key of shared ids and
// own tables as two fields), plus the file's text under SOURCE; `values` gives what the file will
// say (the two fields as the file's one key; unchanged, as the file had it). `write` compares the entry with the values of the file's text, statement by
// statement: an unchanged value keeps its statement's text, a changed one gets a new value after
// the same key, a removed one loses its statement, and new keys and tables are added where they
// belong. Every result is parsed again and must give exactly the entry's values; if it does not
// (a layout this file does not follow, such as a table defined by dotted keys), the front matter
// is written afresh in the usual layout instead. The shape of each collection's front matter
// (`shape`) comes from the build (src/editor/page.rs), which takes it from src/schema/mod.rs.
//
// No DOM here: the tests run this file in Node (tests/browser/editor.mjs).

import { parse as parseToml } from './smol-toml/index.js';
import { split, statements, headerPath, pairPath } from './toml-text.js';
import { Literal, plain, find, normal, same, isTable, isTables, get } from './toml-values.js';
import { INHERITED, toForm, fromForm, withoutInherited } from './form.js';

export { split, normal, same, INHERITED };
export { ownConflicts } from './form.js';

/** Key of the file's text in the entry: the CMS keeps keys it does not know as they are. */
export const SOURCE = '__prospectus_source';

const DELIMITER = '+++';

// ---- writing values -----------------------------------------------------------------------

const BARE = /^[A-Za-z0-9_-]+$/;
const key = (k) => (BARE.test(k) ? k : quote(k));

function escape(s, keepNewlines) {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n' && keepNewlines) out += '\n';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += keepNewlines ? '\t' : '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}

function quote(s) {
  if (s.includes('\n')) {
    // A multi-line text: its lines as they are, after a line break (which TOML drops).
    return `"""\n${escape(s, true)}"""`;
  }
  return `"${escape(s, false)}"`;
}

function number(n) {
  if (Number.isInteger(n)) return String(n);
  const s = String(n);
  return /e/i.test(s) ? n.toFixed(2) : s;
}


/** A value on one line (or a multi-line text, or a list over several lines). */
function value(v, indent = '') {
  if (v instanceof Literal) return v.text;
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number') return number(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => value(x, `${indent}  `));
    const one = `[${items.join(', ')}]`;
    if (one.length <= 60 && !one.includes('\n')) return one;
    return `[\n${items.map((x) => `${indent}  ${x},\n`).join('')}${indent}]`;
  }
  if (isTable(v)) {
    return `{ ${Object.entries(v).map(([k, x]) => `${key(k)} = ${value(x, indent)}`).join(', ')} }`;
  }
  return quote(String(v));
}

/** The order of a table's keys: as the shape lists them, then the others as they come. */
function ordered(obj, fields) {
  const keys = Object.keys(obj);
  const rank = (k) => {
    const i = (fields || []).findIndex((f) => f.key === k);
    return i < 0 ? fields?.length ?? 0 : i;
  };
  return keys.map((k, i) => [k, i]).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([k]) => k);
}

/**
 * Whether a value is written as `[name]` or `[[name]]` sections rather than on a line: not a
 * text given per language (`name = { en = "…", fr = "…" }`), nor, inside a course's own table
 * (`inline`), a list of tables (`tiers = [ { … }, … ]`, as in data/policies.toml); nor a list
 * mixing ids and tables.
 */
const asSection = (v, field, inline = false) => {
  if (field?.type === 'text' || field?.type === 'long') return false;
  return isTable(v) || (isTables(v) && !inline);
};

/** Whether a key's tables are a course's own ones, whose lists of tables are written inline. */
const ownTables = (field) => field?.type === 'id' || field?.type === 'ids';

/** A table in the usual layout: its values, then its tables as sections. */
function table(obj, fields, path, inline = false) {
  let lines = '';
  let sections = '';
  for (const k of ordered(obj, fields)) {
    const v = obj[k];
    const f = find(fields, k);
    const name = [...path, key(k)].join('.');
    if (asSection(v, f, inline)) {
      const items = isTable(v) ? [v] : v;
      for (const item of items) {
        sections += `\n${isTable(v) ? `[${name}]` : `[[${name}]]`}\n`;
        sections += table(item, f?.fields, [...path, key(k)], inline || ownTables(f));
      }
    } else {
      lines += `${key(k)} = ${value(v)}\n`;
    }
  }
  return lines + sections;
}

/** The shape of the key at `path` of the file, and whether it is inside a course's own table. */
function fieldAt(fields, path) {
  let field;
  let within = fields;
  let inline = false;
  for (const k of path) {
    if (typeof k === 'number') continue;
    if (field && ownTables(field)) inline = true;
    field = find(within, k);
    within = field?.fields;
  }
  return { field, inline };
}

const id = (path) => JSON.stringify(path);

// ---- patching -----------------------------------------------------------------------------

/**
 * The front matter `toml` changed from the values `was` to `now` (both normalised): each
 * statement kept, changed or removed; new keys added at the end of their table, new tables
 * before the first table that comes after them in the shape. `undefined` when the text cannot
 * be followed (the caller then writes the front matter afresh).
 */
function patch(toml, was, now, fields) {
  const items = statements(toml);
  if (!items) return undefined;
  const pairs = new Set(); // paths written as one value
  const tables = new Set(); // paths written as a [table] (and their parents)
  const counts = new Map();
  let current = [];
  for (const it of items) {
    if (it.kind === 'header') {
      const path = [];
      const keys = headerPath(it.text);
      keys.forEach((k, i) => {
        if (Array.isArray(k)) {
          const n = (counts.get(id(path)) ?? -1) + 1;
          counts.set(id(path), n);
          path.push(n);
        } else {
          path.push(k);
          // A list of tables named inside a header (`runs` in `[[runs.sessions]]` or
          // `[runs.application]`) is its last table so far, as TOML reads it.
          if (!Array.isArray(keys[i + 1]) && counts.has(id(path))) path.push(counts.get(id(path)));
        }
        tables.add(id(path));
      });
      it.path = path;
      current = path;
    } else if (it.kind === 'pair') {
      it.path = [...current, ...pairPath(it.head)];
      it.table = current;
      pairs.add(id(it.path));
      // A dotted key's tables (`name.en = …`) exist, but have no section to add keys to.
      for (let n = current.length + 1; n < it.path.length; n++) tables.add(id(it.path.slice(0, n)));
    }
  }
  // Tables a value now on one line replaces (`[[contacts]]` tables, now with ids among them:
  // `contacts = ["id", { … }]`) go, as removed ones do.
  const flattened = new Set(Object.keys(now).filter((k) => tables.has(id([k])) && !isTable(now[k]) && !isTables(now[k])));
  for (const t of [...tables]) if (flattened.has(JSON.parse(t)[0])) tables.delete(t);
  // Changed and removed values; the sections of removed tables go with their statements.
  const out = [];
  let gone = false;
  for (const it of items) {
    if (it.kind === 'header') gone = get(now, it.path) === undefined || flattened.has(it.path[0]);
    if (gone) continue;
    if (it.kind === 'pair') {
      const b = get(now, it.path);
      if (!same(get(was, it.path), b)) {
        const { field, inline } = fieldAt(fields, it.path);
        if (b !== undefined && !isTable(get(was, it.path)) && !isTables(get(was, it.path)) && asSection(b, field, inline)) {
          // An id that became a table of its own (`cancellation = "id"` → `[cancellation]`):
          // the line goes, the table is added below as a new one.
          it.text = '';
          pairs.delete(id(it.path));
        } else {
          it.text = b === undefined ? '' : it.head + value(b) + it.tail;
        }
      }
    }
    out.push(it);
  }
  const headed = new Set(items.filter((it) => it.kind === 'header').map((it) => id(it.path)));
  // What `now` has that no statement holds.
  const additions = []; // { container, shape, key, text }
  const sections = []; // { top, path, text }
  const newSection = (path, v, f, list, inline) => {
    const head = list ? `[[${path.map(key).join('.')}]]` : `[${path.map(key).join('.')}]`;
    return `${head}\n${table(v, f?.fields, path.map(key), inline || ownTables(f))}`;
  };
  const visit = (obj, path, shape, inline = false) => {
    for (const k of ordered(obj, shape)) {
      const v = obj[k];
      const f = find(shape, k);
      const p = [...path, k];
      if (pairs.has(id(p))) continue;
      if (tables.has(id(p))) {
        if (isTables(v)) {
          for (let n = 0; n < v.length; n++) {
            const ip = [...p, n];
            if (tables.has(id(ip))) {
              if (!visit(v[n], ip, f?.fields, inline || ownTables(f))) return false;
            } else {
              sections.push({ top: p[0], path: ip, text: newSection(p, v[n], f, true, inline) });
            }
          }
        } else if (isTable(v)) {
          if (!visit(v, p, f?.fields, inline || ownTables(f))) return false;
        } else {
          return false;
        }
        continue;
      }
      if (asSection(v, f, inline)) {
        for (const item of isTable(v) ? [v] : v) {
          sections.push({ top: p[0], path: p, text: newSection(p, item, f, !isTable(v), inline) });
        }
      } else if (path.length === 0 || headed.has(id(path))) {
        additions.push({ container: id(path), shape, key: k, text: `${key(k)} = ${value(v)}\n` });
      } else {
        return false;
      }
    }
    return true;
  };
  if (!visit(now, [], fields)) return undefined;
  // New lines: after the line of the key the shape lists last before theirs, else before the
  // table's first line (or after its header).
  const backOverTrivia = (at) => {
    while (at > 0 && out[at - 1].kind === 'trivia') at--;
    return at;
  };
  for (const a of additions) {
    const rank = (k) => {
      const i = (a.shape || []).findIndex((f) => f.key === k);
      return i < 0 ? Infinity : i;
    };
    const mine = rank(a.key);
    let at = -1;
    let first = -1;
    out.forEach((it, i) => {
      if ((it.kind !== 'pair' && !(it.kind === 'added' && it.key !== undefined)) || id(it.table) !== a.container || it.text === '') return;
      if (first < 0) first = i;
      if (rank(it.key ?? it.path[it.path.length - 1]) <= mine) at = i + 1;
    });
    if (at < 0 && first >= 0) at = first;
    if (at < 0) {
      const header = out.findIndex((it) => it.kind === 'header' && id(it.path) === a.container);
      if (header >= 0) {
        at = header + 1;
      } else {
        // The top level, with no statement left: before the first table.
        const firstHeader = out.findIndex((it) => it.kind === 'header');
        at = backOverTrivia(firstHeader < 0 ? out.length : firstHeader);
      }
    }
    out.splice(at, 0, { kind: 'added', key: a.key, table: JSON.parse(a.container), text: a.text });
  }
  // New tables: after the last section of the same top-level key, else before the first
  // section of a key the shape lists after theirs, else at the end; a blank line before each.
  const rank = (k) => {
    const i = (fields || []).findIndex((f) => f.key === k);
    return i < 0 ? Infinity : i;
  };
  for (const s of sections) {
    let at = out.length;
    let last = -1;
    let after = -1;
    out.forEach((it, i) => {
      if (it.kind !== 'header' && !(it.kind === 'added' && it.section)) return;
      const top = it.path[0];
      if (top === s.top) last = i;
      if (after < 0 && rank(top) > rank(s.top)) after = i;
    });
    if (last >= 0) {
      at = last + 1;
      while (at < out.length && out[at].kind !== 'header' && !(out[at].kind === 'added' && out[at].section)) at++;
    } else if (after >= 0) {
      at = after;
    }
    at = backOverTrivia(at);
    const before = out.slice(0, at).map((it) => it.text).join('');
    const text = before === '' || before.endsWith('\n\n') ? s.text : `\n${s.text}`;
    out.splice(at, 0, { kind: 'added', section: true, path: s.path, text });
  }
  // Blank lines left at the end by a removed table, where the file had none.
  const text = out.map((it) => it.text).join('');
  return /\n[ \t\r]*\n$/.test(toml) ? text : text.replace(/(\r?\n)([ \t]*\r?\n)+$/, '$1');
}
// ---- reading and writing a file -----------------------------------------------------------

/** The body as the editor shows it: without the blank line that follows the `+++` line. */
const bodyShown = (body) => body.replace(/^\r?\n/, '');

/** The line end a file is written with: CRLF when every line of it ends so, else LF. */
function lineEnd(text) {
  return /\r\n/.test(text) && !/(^|[^\r])\n/.test(text) ? '\r\n' : '\n';
}

/** The values of a file's front matter (`undefined` if it has none that parses). */
function fileValues(text) {
  const parts = typeof text === 'string' ? split(text) : undefined;
  if (!parts) return undefined;
  try {
    return plain(parseToml(parts.toml));
  } catch {
    return undefined;
  }
}

/**
 * A file's values for the editor. `fields` is the collection's shape. Throws (the CMS then
 * lists the file as not readable) when the front matter cannot be parsed.
 */
export function read(text, fields) {
  const parts = split(text);
  if (!parts) throw new Error('the file does not start with front matter between +++ lines');
  const data = toForm(plain(parseToml(parts.toml)), fields);
  const body = bodyShown(parts.body);
  return { ...data, body: lineEnd(text) === '\r\n' ? body.replace(/\r\n/g, '\n') : body, [SOURCE]: text };
}

/**
 * The front matter's values of an entry (as `read` gave it, changed or not), normalised: what the
 * file will say.
 */
export function values(content, fields) {
  const data = { ...content };
  delete data[SOURCE];
  delete data[INHERITED];
  delete data.body;
  withoutInherited(data, content[INHERITED], fields);
  fromForm(data, fields, fileValues(content[SOURCE]));
  return normal(data, { type: 'group', fields }) ?? {};
}

/** The file's text for the editor's values (as `read` gave them, changed or not). */
export function write(content, fields) {
  const source = typeof content[SOURCE] === 'string' ? content[SOURCE] : undefined;
  const eol = source === undefined ? '\n' : lineEnd(source);
  const body = typeof content.body === 'string' ? content.body : '';
  const now = values(content, fields);
  const parts = source === undefined ? undefined : split(source);
  let toml;
  let bodyText;
  if (parts) {
    let was;
    try {
      was = normal(plain(parseToml(parts.toml)), { type: 'group', fields }) ?? {};
    } catch {
      was = undefined;
    }
    toml = was === undefined ? undefined : patch(parts.toml, was, now, fields);
    if (toml !== undefined && !reads(toml, now, fields)) toml = undefined;
    const shown = bodyShown(parts.body);
    const unchanged = body === (eol === '\r\n' ? shown.replace(/\r\n/g, '\n') : shown);
    bodyText = unchanged ? parts.body : (/^\r?\n/.test(parts.body) ? '\n' : '') + body;
  }
  if (toml === undefined) toml = table(now, fields, []);
  if (bodyText === undefined) bodyText = body ? `\n${body}` : '';
  const closing = parts?.closing ?? `${DELIMITER}\n`;
  const text = `${DELIMITER}\n${toml}${closing}${bodyText}`;
  // In a file of CRLF lines, what was kept has them already; what was written gets them.
  return eol === '\r\n' ? text.replace(/\r?\n/g, '\r\n') : text;
}

/** Whether `toml` parses to exactly `now`. */
function reads(toml, now, fields) {
  try {
    return same(normal(plain(parseToml(toml)), { type: 'group', fields }) ?? {}, now);
  } catch {
    return false;
  }
}
