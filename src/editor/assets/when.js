// The date field: a date, with an optional time. Prospectus reads a date as a whole day in the
// course's time zone (a deadline closes at the end of it) and a date with a time as that time
// in the course's zone; a value written with an offset (`+02:00`) keeps it. The value is the
// TOML literal (`2025-09-08`, `2025-09-08T09:00:00`), which toml-edit.js writes without quotes.
// In a translation's pane a fact is read-only, as the CMS's own fields are there: it follows
// the default language's.

const VALUE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The parts of a value: `{ date, time, seconds, offset }` (empty strings when absent). */
export function parts(value) {
  const m = VALUE.exec(typeof value === 'string' ? value.trim() : '');
  if (!m) return { date: '', time: '', seconds: '', offset: '' };
  return { date: m[1], time: m[2] ?? '', seconds: m[3] ?? '', offset: m[4] ?? '' };
}

/** The value for a date and an optional time (`HH:MM`), keeping the seconds and offset given. */
export function compose(date, time, seconds = '', offset = '') {
  if (!date) return '';
  if (!time) return date;
  return `${date}T${time.slice(0, 5)}:${seconds || '00'}${offset}`;
}

export function registerWhen(CMS, data) {
  const h = window.h;
  const zone = data.timezone;

  function Control(props) {
    const v = parts(props.value);
    const duplicate = props.field?.get?.('i18n') === 'duplicate';
    // The pane's language: the CMS marks each pane with it.
    const lock = (el) => {
      if (!el) return;
      const pane = el.closest('[data-locale]');
      const readonly = duplicate && !!pane && pane.dataset.locale !== data.defaultLanguage;
      for (const input of el.querySelectorAll('input')) input.readOnly = readonly;
    };
    const note = v.offset
      ? `At ${v.time || '00:00'} with the offset ${v.offset}, as written in the file.`
      : `Without a time: the whole day. Times are in the course's time zone (the site's is ${zone}).`;
    const input = (extra) => h('input', {
      className: props.classNameWrapper,
      style: { width: 'auto', marginInlineEnd: '8px' },
      ...extra,
    });
    return h(
      'div',
      { className: 'prospectus-when', ref: lock },
      input({
        type: 'date',
        id: props.forID,
        value: v.date,
        min: '1900-01-01',
        max: '2999-12-31',
        onChange: (e) => props.onChange(compose(e.target.value, v.time, v.seconds, v.offset)),
      }),
      input({
        type: 'time',
        value: v.time,
        'aria-label': 'Time (optional)',
        onChange: (e) => props.onChange(compose(v.date, e.target.value, v.seconds, v.offset)),
      }),
      h('p', { style: { margin: '4px 0 0', fontSize: '0.85em', opacity: 0.8 } }, note),
    );
  }

  function Preview(props) {
    return h('span', null, typeof props.value === 'string' ? props.value : '');
  }

  CMS.registerFieldType(data.dateWidget, Control, Preview);
}
