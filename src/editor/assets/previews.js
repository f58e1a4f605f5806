// Previews in the site's style: for each collection, the entry laid out as the site's page for it
// (the default theme's course.html, notice.html, page.html: same elements and classes), in the
// site's stylesheet, with the theme's words in the language of the pane. Dates are written as the
// build writes them (dates.js, from the build's own patterns), money with the browser's Intl; the
// states that depend on the day of the build (open, closing soon…) are not shown.

import { partsOf, longDate, rangeText, whenText, lastDay } from './dates.js';

export function registerPreviews(CMS, data) {
  const h = window.h;
  CMS.registerPreviewStyle(data.stylesheet);

  const words = (lang) => data.preview[lang] ?? data.preview[data.defaultLanguage];
  // The pane's language: the file's suffix (`x.fr.md`; none for the default language); for an
  // entry not saved yet, the preview frame's (which the CMS may not have updated yet).
  const langOf = (props) => {
    const file = String(props.entry?.get('path') ?? '').split('/').pop();
    const m = /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.md$/.exec(file);
    if (m && data.preview[m[1]]) return m[1];
    if (file) return data.defaultLanguage;
    return props.document?.documentElement?.lang || data.defaultLanguage;
  };
  const entryData = (props) => {
    const d = props.entry?.get('data');
    return d && typeof d.toJS === 'function' ? d.toJS() : {};
  };
  const t = (w, key) => w.strings[key] ?? key;
  const fill = (s, args) => s.replace(/\{(\w+)\}/g, (m, k) => (k in args ? args[k] : m));

  // Dates as the build writes them (dates.js, from the patterns the build gives per language).
  const day = (w, lang, v) => {
    const x = partsOf(v);
    return x ? longDate(w.dates, lang, x) : v || '';
  };
  const when = (w, lang, v, tz) => {
    const x = partsOf(v);
    return x ? whenText(w.dates, lang, x, w.zones?.[tz || data.timezone], t(w, 'dates_schedule')) : v || '';
  };
  const range = (w, lang, a, b) => {
    const [x, y] = [partsOf(a), partsOf(b)];
    return x && y ? rangeText(w.dates, lang, t(w, 'date_range'), x, y) : fill(t(w, 'date_range'), { start: day(w, lang, a), end: day(w, lang, b) });
  };
  const money = (lang, amount, currency) => {
    try {
      return new Intl.NumberFormat(lang, {
        style: 'currency',
        currency,
        minimumFractionDigits: Number.isInteger(amount) ? 0 : undefined,
      }).format(amount);
    } catch {
      return `${amount} ${currency ?? ''}`;
    }
  };
  const languageName = (lang, code) => {
    try {
      return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const inline = (md) => {
    const html = window.marked && window.DOMPurify
      ? window.DOMPurify.sanitize(window.marked.parseInline(String(md)))
      : null;
    return html === null ? String(md) : h('span', { dangerouslySetInnerHTML: { __html: html } });
  };
  // Markdown as the CMS renders it (its own marked and DOMPurify). Images beside the file (a
  // course in a folder) come from the CMS's copy of the folder; those it does not have yet show
  // their description rather than a broken address.
  const markdown = (props, md) => {
    if (!md || !window.marked || !window.DOMPurify) return null;
    const t = document.createElement('template');
    t.innerHTML = window.DOMPurify.sanitize(window.marked.parse(String(md)));
    for (const img of t.content.querySelectorAll('img')) {
      const src = img.getAttribute('src') || '';
      if (/^([a-z][a-z0-9+.-]*:|\/)/i.test(src)) continue;
      const url = String(props.getAsset?.(src) ?? '');
      if (url) img.setAttribute('src', url);
      else img.removeAttribute('src');
    }
    return h('div', { className: 'prose', dangerouslySetInnerHTML: { __html: t.innerHTML } });
  };
  const modality = (w, m) => (m ? t(w, `modality_${m.replace(/-/g, '_')}`) : '');
  const ids = (v) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
  const fact = (label, value) => (value ? h('div', null, h('dt', null, label), h('dd', null, value)) : null);
  const section = (title, ...children) => h('section', { className: 'block' }, h('h2', null, title), ...children);

  // A text of an own table as the form holds it ({ en: "…", fr: "…" }), in the pane's language.
  const pick = (text, lang) => {
    if (typeof text === 'string' || !text || typeof text !== 'object') return text || '';
    return text[lang] || text[data.defaultLanguage] || Object.values(text).find(Boolean) || '';
  };
  // The form's field of a key's own tables (`contacts__own`), from the collection's shape.
  const ownOf = (c, key) => {
    const f = Object.values(data.shapes).flat().find((x) => x.key === key && x.own);
    return f ? c[f.own] : undefined;
  };
  const contactsBlock = (w, c, lang) => {
    const own = Array.isArray(ownOf(c, 'contacts')) ? ownOf(c, 'contacts') : [];
    const cs = [
      ...ids(c.contacts).map((id) => w.contacts[id]),
      ...own.filter((k) => k && typeof k === 'object').map((k) => ({ ...k, name: pick(k.name, lang), address: pick(k.address, lang) })),
    ].filter((k) => k && k.name);
    if (!cs.length) return null;
    return section(
      t(w, 'contacts'),
      h('div', { className: 'contacts' }, ...cs.map((k) => h(
        'address',
        { className: 'contact' },
        h('strong', null, k.name),
        k.address ? [h('br'), k.address] : null,
        k.email ? [h('br'), h('bdi', null, k.email)] : null,
        k.phone ? [h('br'), h('bdi', { dir: 'ltr' }, k.phone)] : null,
      ))),
    );
  };

  // A preview template: `body` lays out the article from the entry's values (`e`) and the words
  // of the pane's language (`w`); the page around it (main, article) is the theme's for all.
  const template = (className, body) => (props) => {
    const lang = langOf(props);
    const w = words(lang);
    return h(
      'main',
      { id: 'main', className: 'wrap', dir: w.rtl ? 'rtl' : 'ltr' },
      h('article', { className }, ...body({ props, lang, w, e: entryData(props) })),
    );
  };
  // The head of a course or notice page: its kicker line, title, a line under it, summary.
  const head = (className, kicker, title, under, summary) => h(
    'header',
    { className },
    h('p', { className: 'kicker' }, ...kicker),
    h('h1', null, title ?? ''),
    under,
    summary ? h('p', { className: 'lead' }, summary) : null,
  );

  const Course = template('course', ({ props, lang, w, e: c }) => {
    const sessions = Array.isArray(c.sessions) ? c.sessions : [];
    const startsNote = typeof c.starts_note === 'string' && c.starts_note.trim() ? c.starts_note : '';
    const dates = c.starts === 'rolling' || c.starts === 'on-request'
      ? startsNote || t(w, c.starts === 'rolling' ? 'starts_rolling' : 'starts_on_request')
      : sessions.length
      ? range(w, lang, sessions[0].start, lastDay(sessions[sessions.length - 1]))
      : c.modality === 'self-paced' ? t(w, 'self_paced_dates') : '';
    const fee = c.fee && typeof c.fee.amount === 'number'
      ? c.fee.amount === 0 ? t(w, 'free') : money(lang, c.fee.amount, c.fee.currency)
      : '';
    const ownPolicy = ownOf(c, 'cancellation');
    const policy = typeof c.cancellation === 'string' && c.cancellation ? w.policies[c.cancellation]
      : ownPolicy && Array.isArray(ownPolicy.tiers) && ownPolicy.tiers.length
        ? { notice: pick(ownPolicy.notice, lang), tiers: ownPolicy.tiers.map((x) => [Number(x?.min_days) || 0, Number(x?.refund_percent) || 0]) }
        : undefined;
    const daysText = (n) => fill(t(w, n === 1 ? 'days_one' : 'days_other'), { n });
    return [
      head(
        'course-head',
        [h('bdi', { className: 'code' }, c.code ?? ''),
          ...ids(c.topics).map((id) => [h('span', { className: 'sep', 'aria-hidden': 'true' }, ' · '), w.topics[id] ?? id])],
        c.title,
        c.status && c.status !== 'scheduled' ? h('p', { className: `status status-${c.status}` }, t(w, `status_${c.status}`)) : null,
        c.summary,
      ),
      h(
        'div',
        { className: 'course-grid' },
        h(
          'aside',
          { className: 'key-facts' },
          h('h2', null, t(w, 'key_facts')),
          h('dl', { className: 'facts' },
            fact(t(w, 'code'), c.code),
            fact(t(w, 'dates'), dates),
            fact(t(w, 'modality'), modality(w, c.modality)),
            fact(t(w, 'workload'), c.workload),
            fact(t(w, 'languages_of_instruction'), ids(c.languages).map((l) => languageName(lang, l)).join(', ')),
            fact(t(w, 'fee'), fee),
            fact(t(w, 'deadline'), c.application?.deadline ? when(w, lang, c.application.deadline, c.timezone) : ''),
          ),
          c.application?.url ? h('p', null, h('span', { className: 'button' }, t(w, 'apply_button'))) : null,
          c.application?.by === 'nomination' ? h('p', null, t(w, 'state_nomination')) : null,
        ),
        h(
          'div',
          { className: 'course-body' },
          sessions.length ? section(t(w, 'sessions'), h('ul', { className: 'sessions' }, ...sessions.map((s) => h(
            'li',
            null,
            s.name ? [h('strong', { className: 'session-name' }, s.name), ' '] : null,
            h('span', { className: 'session-when' }, range(w, lang, s.start, lastDay(s))),
            ' ',
            h('span', { className: 'session-where' }, modality(w, s.modality || c.modality), s.location ? ` · ${s.location}` : ''),
          )))) : null,
          Array.isArray(c.objectives) && c.objectives.length
            ? section(t(w, 'objectives'), h('ul', { className: 'objectives' }, ...c.objectives.map((o) => h('li', null, inline(o)))))
            : null,
          markdown(props, c.selection),
          markdown(props, c.body),
          fee ? section(
            t(w, 'fee'),
            h('table', { className: 'fee-table' }, h('tbody', null,
              h('tr', null, h('th', { scope: 'row' }, c.fee.label ?? ''), h('td', null, h('bdi', { dir: 'ltr', className: 'money' }, fee))),
              ...(Array.isArray(c.fee.lines) ? c.fee.lines : []).map((l) => h('tr', null,
                h('th', { scope: 'row' }, l.label ?? ''),
                h('td', null, h('bdi', { dir: 'ltr', className: 'money' }, money(lang, l.amount, c.fee.currency))))))),
            Array.isArray(c.fee.includes) && c.fee.includes.length
              ? [h('h3', null, t(w, 'fee_includes')), h('ul', null, ...c.fee.includes.map((i) => h('li', null, inline(i))))]
              : null,
            c.fee.scholarships ? [h('h3', null, t(w, 'scholarships')), markdown(props, c.fee.scholarships)] : null,
          ) : null,
          policy ? section(
            t(w, 'cancellation'),
            markdown(props, policy.notice),
            h('table', { className: 'refunds' }, h('tbody', null, ...policy.tiers.map(([min, pct]) => h('tr', null,
              h('td', null, fill(t(w, 'refund_days_or_more'), { days: daysText(min) })),
              h('td', null, pct === 100 ? t(w, 'refund_full') : pct === 0 ? t(w, 'refund_none') : fill(t(w, 'refund_percent'), { n: pct })))))),
          ) : null,
          contactsBlock(w, c, lang),
        ),
      ),
    ];
  });

  const Notice = template('notice', ({ props, lang, w, e: n }) => {
    const kind = n.kind || 'news';
    // Until when it is current, in the words the theme has for its kind (as notices.rs says it).
    const until = `notice_until_${kind.replace(/-/g, '_')}`;
    return [
      head(
        'notice-head',
        [h('span', { className: `kind kind-${kind}` }, t(w, `kind_${kind.replace(/-/g, '_')}`)),
          h('span', { 'aria-hidden': 'true' }, ' · '),
          day(w, lang, n.date)],
        n.title,
        n.expires ? h('p', { className: 'meta' }, fill(t(w, until in w.strings ? until : 'notice_until'), { date: day(w, lang, n.expires) })) : null,
        n.summary,
      ),
      markdown(props, n.body),
      ids(n.related_courses).length ? section(t(w, 'related_courses'), h('ul', null, ...ids(n.related_courses).map((code) => h('li', null, code)))) : null,
      contactsBlock(w, n, lang),
    ];
  });

  const Page = template('page', ({ props, e: p }) => [
    h('h1', null, p.title ?? ''),
    p.summary ? h('p', { className: 'lead' }, p.summary) : null,
    markdown(props, p.body),
  ]);

  const templates = {
    'prospectus-course-frontmatter': Course,
    'prospectus-notice-frontmatter': Notice,
    'prospectus-page-frontmatter': Page,
  };
  for (const [collection, format] of Object.entries(data.collections)) {
    if (templates[format]) CMS.registerPreviewTemplate(collection, templates[format]);
  }
}
