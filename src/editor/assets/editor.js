// The editor's script: registers with Sveltia CMS (loaded before it by index.html, which asks
// it to wait) the TOML front matter format of each collection (toml-edit.js), the rule that
// translations keep their facts (facts.js), the facts a file inherits shown in its pane
// (inherit.js), the date field (when.js) and the previews in the
// site's style (previews.js), then starts it. The page carries what this needs from the build
// in the `prospectus-editor` JSON element. Without the CMS (its script could not be loaded), a
// message says so.

import { write, ownConflicts } from './toml-edit.js';
import { readInheriting } from './inherit.js';
import { keepTranslationFacts } from './facts.js';
import { registerWhen } from './when.js';
import { registerPreviews } from './previews.js';

const data = JSON.parse(document.getElementById('prospectus-editor').textContent);
const { CMS } = window;

if (CMS) {
  start();
} else {
  // The CMS script did not load (no network, a blocker, or a changed file refused by its
  // integrity hash): say so instead of an empty page.
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = 'The editor could not be loaded: its script comes from unpkg.com, which this browser could not reach or refused. Check the connection (or a content blocker) and reload the page.';
  document.body.append(p);
}

function start() {
  for (const [format, fields] of Object.entries(data.shapes)) {
    CMS.registerCustomFormat(format, 'md', {
      fromFile: (text) => readInheriting(text, fields),
      toFile: (content) => write(content, fields),
    });
  }
  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      const fields = data.shapes[data.collections[entry.get('collection')]];
      if (!fields) return entry;
      const js = entry.toJS();
      const others = Object.values(js.i18n ?? {}).map((l) => l.data);
      // Refused with a message the CMS shows in its error dialog (its `saving_failed` error).
      const conflicts = [...new Set([js.data, ...others].flatMap((d) => ownConflicts(d, fields)))];
      if (conflicts.length) throw new Error('saving_failed', { cause: new Error(conflicts.join(' ')) });
      keepTranslationFacts(js.data, others, fields);
      return entry.set('data', js.data).set('i18n', js.i18n);
    },
  });
  registerWhen(CMS, data);
  registerPreviews(CMS, data);
  CMS.init();
}
