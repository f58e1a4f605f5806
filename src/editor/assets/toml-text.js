// The text of a content file cut as TOML cuts it, without reading the values: the front
// matter between its `+++` lines (as the build's reader finds it, src/load/frontmatter.rs), its
// statements with the exact text of each (toml-edit.js keeps the text of those whose value did
// not change), and the key path each statement sets. No DOM here.

import { parse as parseToml } from './smol-toml/index.js';

const DELIMITER = '+++';

const isPlainTable = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

// ---- splitting the file -----------------------------------------------------------------

/**
 * The multi-line string (its quotes) still open at the end of a line of TOML, given the one
 * open at its start; `undefined` for none, `null` when a one-line string is left open (from
 * there on quotes mean nothing, as in the build's reader, src/load/frontmatter.rs).
 */
function openAfter(line, open) {
  let i = 0;
  while (i < line.length) {
    if (open) {
      if (open === '"""' && line[i] === '\\') {
        i += 2;
      } else if (line.startsWith(open, i)) {
        let j = i + 3;
        while (j < line.length && j < i + 5 && line[j] === open[0]) j++;
        open = undefined;
        i = j;
      } else {
        i++;
      }
      continue;
    }
    const c = line[i];
    if (c === '#') break;
    if (c === '"' || c === "'") {
      if (line[i + 1] === c && line[i + 2] === c) {
        open = c.repeat(3);
        i += 3;
        continue;
      }
      i++;
      while (i < line.length && line[i] !== c) i += c === '"' && line[i] === '\\' ? 2 : 1;
      if (i >= line.length) return null;
      i++;
      continue;
    }
    i++;
  }
  return open;
}

/**
 * The parts of a content file: `{ toml, body }`, where `toml` is the text between the `+++`
 * lines (each of its lines ending with "\n") and `body` what follows the closing line.
 * `undefined` when the file has no front matter the build would read.
 */
export function split(text) {
  const lines = text.split(/(?<=\n)/);
  if (!lines.length || lines[0].trimEnd() !== DELIMITER) return undefined;
  let open;
  let follow = true;
  for (let n = 1; n < lines.length; n++) {
    if (!open && lines[n].trimEnd() === DELIMITER) {
      const toml = lines.slice(1, n).join('');
      return { toml, body: lines.slice(n + 1).join(''), closing: lines[n] };
    }
    if (follow) {
      const o = openAfter(lines[n], open);
      if (o === null) {
        open = undefined;
        follow = false;
      } else {
        open = o;
      }
    }
  }
  return undefined;
}

// ---- the statements of a front matter ---------------------------------------------------------

/**
 * The TOML text cut into statements, each `{ kind, text, ... }` covering whole lines:
 * `trivia` (blank and comment lines), `header` (`[a.b]`, `[[a]]`), `pair` (`key = value`, the
 * value over as many lines as it takes; `head` is the text up to the value, `tail` what follows
 * it: spaces, a comment, the line break). `undefined` if the text does not cut cleanly.
 */
export function statements(toml) {
  const out = [];
  let i = 0;
  const n = toml.length;
  const lineEnd = (from) => {
    const e = toml.indexOf('\n', from);
    return e < 0 ? n : e + 1;
  };
  while (i < n) {
    const end = lineEnd(i);
    const line = toml.slice(i, end);
    const t = line.trim();
    if (t === '' || t.startsWith('#')) {
      out.push({ kind: 'trivia', text: line });
      i = end;
      continue;
    }
    if (t.startsWith('[')) {
      out.push({ kind: 'header', text: line });
      i = end;
      continue;
    }
    // A pair: find the `=` after the key (quoted keys may hold one).
    let j = i;
    while (j < n && toml[j] !== '=' && toml[j] !== '\n') {
      if (toml[j] === '"' || toml[j] === "'") {
        const q = toml[j];
        j++;
        while (j < n && toml[j] !== q && toml[j] !== '\n') j += q === '"' && toml[j] === '\\' ? 2 : 1;
      }
      j++;
    }
    if (toml[j] !== '=') return undefined;
    j++;
    while (toml[j] === ' ' || toml[j] === '\t') j++;
    const start = j;
    const stop = valueEnd(toml, start);
    if (stop === undefined) return undefined;
    const close = lineEnd(stop);
    out.push({
      kind: 'pair',
      head: toml.slice(i, start),
      value: toml.slice(start, stop),
      tail: toml.slice(stop, close),
      text: toml.slice(i, close),
    });
    i = close;
  }
  return out;
}

/** Where the value starting at `i` ends (before any spaces and comment that follow it). */
function valueEnd(s, i) {
  let depth = 0;
  let last = i;
  while (i < s.length) {
    const c = s[i];
    if (s.startsWith('"""', i) || s.startsWith("'''", i)) {
      const q = s.slice(i, i + 3);
      let j = i + 3;
      for (;;) {
        if (j >= s.length) return undefined;
        if (q === '"""' && s[j] === '\\') {
          j += 2;
          continue;
        }
        if (s.startsWith(q, j)) {
          j += 3;
          while (s[j] === q[0]) j++;
          break;
        }
        j++;
      }
      i = j;
      last = i;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < s.length && s[j] !== c && s[j] !== '\n') j += c === '"' && s[j] === '\\' ? 2 : 1;
      if (s[j] !== c) return undefined;
      i = j + 1;
      last = i;
      continue;
    }
    if (c === '#') {
      // A comment: to the end of the line (inside a list, the list goes on after it).
      const e = s.indexOf('\n', i);
      if (depth === 0) return last;
      i = e < 0 ? s.length : e;
      continue;
    }
    if (c === '[' || c === '{') depth++;
    if (c === ']' || c === '}') depth--;
    if (c === '\n') {
      if (depth <= 0) return last;
      i++;
      continue;
    }
    i++;
    if (c !== ' ' && c !== '\t' && c !== '\r') last = i;
  }
  return depth <= 0 ? last : undefined;
}

/** The key path of a table header (`[a.b]`, `[[a]]`), with `[]` marking a list of tables. */
export function headerPath(text) {
  let v = parseToml(text);
  const path = [];
  for (;;) {
    const keys = Object.keys(v);
    if (keys.length !== 1) return path;
    path.push(keys[0]);
    v = v[keys[0]];
    if (Array.isArray(v)) {
      path.push([]);
      v = v[0];
    }
  }
}

/** The key path of a pair, from the text before its value (`name.en = `). */
export function pairPath(head) {
  let v = parseToml(`${head}0`);
  const path = [];
  while (isPlainTable(v)) {
    const k = Object.keys(v)[0];
    path.push(k);
    v = v[k];
  }
  return path;
}
