/* Prospectus: keeps every date-derived part of a page true in the visitor's browser.
   A page is built at one instant; deadlines, starts and expiries may have passed since. What
   depends on the date carries the instants (RFC 3339, UTC) it depends on, and is restated from
   the visitor's clock with the build's rules (src/state.rs), time only moving forward:
   - [data-apply]: an application's state, its line and its apply button;
   - a course given several times ([data-runs]): the run its card and page show first, once
     the clock makes another run the lead (dates, places, state, deadline, code, price, apply box);
   - the home page's lists ([data-home-list]: open for applications, starting soon, notices),
     which drop what no longer belongs and take in what the build left in <template>s;
   - notices past their expiry ([data-expires]) move to the archive;
   - calendars: "(this month)" ([data-now-mark]) and months moving to the past ([data-month]);
   - refund periods that are over ([data-over]);
   - prices: a card's lowest current price once an early-booking price has ended
     ([data-price-steps]), and the course page's price options that have ended ([data-ends]);
   - the catalogue and topic lists ([data-list][data-order]), reordered once a course has
     finished since the build (src/state.rs `listing`), their cards taken from the catalogue's
     own pages.
   Texts come from the page (#prospectus-strings), so they stay in the page's language. No
   request leaves the site, no dependency.
   The page holds its first paint until this script has run (base.html, `blocking="render"`), so
   that all of this is in place when the reader first sees the page: nothing moves under them.
   Only the cards a list brings from another of its pages come later, at the list's end. */
(function () {
  "use strict";

  var DAY = 864e5;
  var SOON = 7 * DAY;
  // States that follow from time, in the only order time moves them.
  var RANK = { "not-yet-open": 0, "open": 1, "closing-soon": 2, "closed": 3 };
  var strings = document.getElementById("prospectus-strings");
  var lang = document.documentElement.lang || "en";
  var plural = null;
  try { plural = new Intl.PluralRules(lang); } catch (e) { plural = null; }

  function str(key) {
    return strings ? strings.getAttribute("data-" + key.replace(/_/g, "-")) : null;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  function instant(el, name) {
    var v = el.getAttribute(name);
    if (!v) { return null; }
    var t = Date.parse(v);
    return isNaN(t) ? null : t;
  }

  // The state at `now` of an application built in state `built`, which opens and closes at
  // the given instants (ms, or null): the same rules as the build (src/state.rs), and time only
  // moves forward, so a visitor's clock that runs behind the build never reopens what the build
  // already closed. States that do not follow from time (none, unavailable) never change.
  // Shared with the catalogue filters ("open now") through window.Prospectus.
  function stateAt(built, opens, closes, now) {
    if (!RANK.hasOwnProperty(built)) { return built; }
    var s = "open";
    if (opens !== null && now < opens) { s = "not-yet-open"; }
    else if (closes !== null && now > closes) { s = "closed"; }
    else if (closes !== null && closes - now <= SOON) { s = "closing-soon"; }
    return RANK[s] > RANK[built] ? s : built;
  }

  // The calendar day of the instant `t` (ms) in the time zone `tz` (the course's), as a day
  // number; in the visitor's own zone when the browser cannot (no Intl time zones).
  var dayFormats = {};
  function dayIn(t, tz) {
    var d = new Date(t);
    if (tz) {
      try {
        var f = dayFormats[tz] || (dayFormats[tz] = new Intl.DateTimeFormat("en-US",
          { timeZone: tz, year: "numeric", month: "numeric", day: "numeric" }));
        var p = {};
        f.formatToParts(d).forEach(function (x) { p[x.type] = x.value; });
        return Date.UTC(+p.year, +p.month - 1, +p.day) / DAY;
      } catch (e) { /* below */ }
    }
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY;
  }

  // Calendar days from today to the last day to apply (the day of `closes`, the last instant
  // applications are accepted), both in the course's zone, as the build counts them
  // (Closes::days_left in src/model/application.rs): 4 on 25 March for a 29 March deadline,
  // 1 the day before, 0 on the day.
  function daysLeft(closes, now, tz) {
    return Math.round(dayIn(closes, tz) - dayIn(now, tz));
  }

  // A whole number as the build writes it in the page's language (src/i18n/cldr.rs `number`:
  // the language's grouping and its minimum grouping digits, en "1,234", fr "1 234", es "1234"
  // but "12.345").
  var numbers = null;
  try { numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }); } catch (e) { numbers = null; }
  function number(n) { return numbers ? numbers.format(n) : String(n); }

  // "12 courses", "3 days": the counted text `prefix_…` for `n` as the build chooses it
  // (Strings::count in src/i18n/mod.rs): `prefix_none` for 0 where there is one, else the form
  // of n's CLDR plural category in the page's language, else `prefix_other`; the texts are the
  // data-<prefix>-<form> attributes of `el` (default the page's strings), n written by `number`.
  // Shared with the catalogue filters (assets/find.js) through window.Prospectus.
  function count(prefix, n, el) {
    var holder = el || strings;
    var get = function (form) { return holder ? holder.getAttribute("data-" + (prefix + "_" + form).replace(/_/g, "-")) : null; };
    var cat = plural ? plural.select(n) : (n === 1 ? "one" : "other");
    var text = (n === 0 ? get("none") : null) || get(cat) || get("other");
    return text === null ? number(n) : fill(text, { n: number(n) });
  }

  function daysText(n) { return count("days", n); }

  // The line of a state, as the build writes it (apply_line in src/render/view.rs). Without a
  // deadline, applications close when the course starts: data-until-start holds its text.
  function lineFor(state, el, now) {
    var dl = el.getAttribute("data-deadline-text") || "";
    var start = el.getAttribute("data-until-start");
    var values = { deadline: dl, start: start || "" };
    var text;
    if (state === "closed") {
      text = str(start ? "apply_line_closed_at_start" : "apply_line_closed");
      return text === null ? null : fill(text, values);
    }
    if (state === "closing-soon") {
      var days = daysLeft(instant(el, "data-deadline"), now, el.getAttribute("data-tz"));
      if (start) {
        var starts = str("apply_line_course_starts");
        if (starts === null) { return null; }
        values.deadline = fill(starts, values);
      }
      text = str(days <= 0 ? "apply_line_last_day" : days === 1 ? "apply_line_closes_tomorrow" : "apply_line_closing_soon");
      values.days = daysText(days);
      return text === null ? null : fill(text, values);
    }
    if (state === "open") {
      text = str(start ? "apply_line_open_until_start" : dl ? "apply_line_open" : "apply_line_open_no_deadline");
      return text === null ? null : fill(text, values);
    }
    return null;
  }

  function setState(el, state) {
    var classes = el.className.split(/\s+/).filter(function (c) {
      return c && c.indexOf("state-") !== 0;
    });
    classes.push("state-" + state);
    el.className = classes.join(" ");
    el.setAttribute("data-state", state);
    var card = el.parentNode && el.parentNode.closest ? el.parentNode.closest("[data-course][data-state]") : null;
    if (card) { card.setAttribute("data-state", state); }
  }

  // What changes in an apply box by the clock `now`: null when nothing does, else the elements
  // whose height it keeps (the box, its line) and the change itself (`write`).
  function update(el, now) {
    var built = el.getAttribute("data-state");
    if (!RANK.hasOwnProperty(built)) { return null; } // none, unavailable: never change
    var deadline = instant(el, "data-deadline");
    var state = stateAt(built, instant(el, "data-opens"), deadline, now);
    var forward = state !== built;
    // Still closing soon: only the count of days left may change, from the day after the
    // build's (data-line-until; the zone arithmetic costs the first time, so none before).
    if (!forward && !(state === "closing-soon" && deadline !== null && deadline - now <= SOON)) { return null; }
    var until = instant(el, "data-line-until");
    if (!forward && until !== null && now < until) { return null; }
    var line = lineFor(state, el, now);
    var lineEl = el.querySelector("[data-apply-line]");
    var newLine = lineEl && line !== null && lineEl.textContent !== line;
    if (!forward && !newLine) { return null; }
    return {
      els: [el, lineEl].filter(Boolean),
      write: function () {
        if (newLine) { lineEl.textContent = line; }
        if (forward) {
          setState(el, state);
          action(el, state);
        }
      }
    };
  }

  // The changes of apply boxes, made so that each box and its line keep their height (a shorter
  // line, a state shorter than the button): nothing in or after a box moves under the reader.
  // Heights are read all at once before and after (each read after a change lays out the page).
  function change(changes) {
    var before = changes.map(function (c) { return c.els.map(function (e) { return e.offsetHeight; }); });
    changes.forEach(function (c) { try { c.write(); } catch (e) { /* leave the built text */ } });
    var after = changes.map(function (c) { return c.els.map(function (e) { return e.offsetHeight; }); });
    changes.forEach(function (c, i) {
      // A box that took another's place (a new lead run's) keeps the height that was painted,
      // not its own before this change, which no reader saw.
      var painted = c.els[0].prospectusPainted;
      c.els.forEach(function (e, j) {
        var h = painted === undefined ? before[i][j] : j === 0 ? painted : 0;
        if (after[i][j] < h) { e.style.minHeight = h + "px"; }
      });
    });
  }

  // The action of an apply box (the theme's macros.html, `apply`): the button while
  // applications are open, the state in a box of the button's size ([data-apply-off]) before
  // and after; one takes the other's place. That box is hidden from screen readers: the
  // box's state line says the same in words.
  function action(el, state) {
    var i, nodes;
    var off = el.querySelector("[data-apply-off]");
    if (state === "closed") {
      nodes = el.querySelectorAll("[data-apply-button], [data-apply-later]");
      var label = str("state_closed");
      for (i = 0; i < nodes.length; i++) {
        if (!off && label !== null && !nodes[i].hidden) {
          off = document.createElement("span");
          off.className = "button button-off";
          off.setAttribute("data-apply-off", "");
          // The state line above says it in words; this box only keeps the button's place.
          off.setAttribute("aria-hidden", "true");
          nodes[i].parentNode.insertBefore(off, nodes[i]);
        }
        nodes[i].parentNode.removeChild(nodes[i]);
      }
      if (off && label !== null) { off.textContent = label; }
    } else if (state === "open" || state === "closing-soon") {
      nodes = el.querySelectorAll("[data-apply-later]");
      for (i = 0; i < nodes.length; i++) {
        nodes[i].removeAttribute("data-apply-later");
        nodes[i].removeAttribute("hidden");
        nodes[i].setAttribute("data-apply-button", "");
      }
      if (off && nodes.length) { off.parentNode.removeChild(off); }
    }
  }

  // Prices follow the clock too: a card's price ([data-price-steps]: the prices that follow as
  // price options end, [[last instant of the price before, before, money, after, word], …] in
  // time order; src/render/kit/prices.rs) and the page's price options that have ended
  // ([data-ends]: marked as no longer offered). Time only moves forward here as well.
  function priceAt(el, now) {
    var steps = JSON.parse(el.getAttribute("data-price-steps"));
    var step = null;
    for (var j = 0; j < steps.length; j++) {
      var t = Date.parse(steps[j][0]);
      if (!isNaN(t) && now > t) { step = steps[j]; }
    }
    if (step === null || el.getAttribute("data-price-at") === step[0]) { return; }
    el.setAttribute("data-price-at", step[0]);
    showPrice(el, step);
  }

  // Writes a price ([at, before, money, after, word]) into `el`, as the build does.
  function showPrice(el, step) {
    while (el.firstChild) { el.removeChild(el.firstChild); }
    if (step[4]) {
      el.appendChild(document.createTextNode(step[2]));
      return;
    }
    var money = document.createElement("bdi");
    money.setAttribute("dir", "ltr");
    money.className = "money";
    money.textContent = step[2];
    if (step[1]) { el.appendChild(document.createTextNode(step[1])); }
    el.appendChild(money);
    if (step[3]) { el.appendChild(document.createTextNode(step[3])); }
  }

  function optionEnded(row, now) {
    var ends = instant(row, "data-ends");
    if (ends === null || now <= ends || /(^|\s)past(\s|$)/.test(row.className)) { return; }
    row.className = (row.className ? row.className + " " : "") + "past";
    var note = row.querySelector("[data-ended]");
    if (note) { note.removeAttribute("hidden"); }
  }

  /* ---- a course given several times: the run shown first ------------------------------ */

  // The run a visitor is shown first at `now` among `runs` (earliest first), by the rule of the
  // build (Course::lead in src/model/course.rs): the earliest run that accepts applications;
  // else the earliest that has not ended (or has no dates) and is not cancelled; else the
  // earliest not ended; else the last one.
  function leadAt(runs, now) {
    var ended = function (r) { var e = r.end ? Date.parse(r.end) : null; return e !== null && e < now; };
    var accepts = function (r) {
      var a = r.apply;
      var s = stateAt(a.state, a.opens_iso ? Date.parse(a.opens_iso) : null, a.deadline_iso ? Date.parse(a.deadline_iso) : null, now);
      return s === "open" || s === "closing-soon";
    };
    var rules = [accepts, function (r) { return !ended(r) && !r.cancelled; }, function (r) { return !ended(r); }];
    for (var k = 0; k < rules.length; k++) {
      for (var i = 0; i < runs.length; i++) { if (rules[k](runs[i])) { return i; } }
    }
    return runs.length - 1;
  }

  // The parts of `holder` (a card or a course page, [data-runs]: each run's facts as the build
  // wrote them, src/render/leads.rs) outside its table of runs that show the lead run.
  function leadParts(holder, sel) {
    return [].filter.call(holder.querySelectorAll(sel), function (e) { return !e.closest("table.runs"); });
  }

  function setPrice(el, p) {
    if (!p) { el.parentNode.hidden = true; return; }
    el.parentNode.hidden = false;
    if (p.steps) { el.setAttribute("data-price-steps", p.steps); } else { el.removeAttribute("data-price-steps"); }
    el.removeAttribute("data-price-at");
    showPrice(el, [null, p.before, p.money, p.after, p.word]);
  }

  // The card's application line, from the run's (`a`: its application as built).
  function setApplyLine(holder, el, a) {
    if (a.state === "none") { el.hidden = true; return; }
    el.hidden = false;
    var names = { "data-deadline": a.deadline_iso, "data-deadline-text": a.deadline, "data-opens": a.opens_iso, "data-until-start": a.until_start, "data-tz": a.tz };
    Object.keys(names).forEach(function (n) { if (names[n]) { el.setAttribute(n, names[n]); } else { el.removeAttribute(n); } });
    el.className = "state";
    setState(el, a.state);
    holder.setAttribute("data-state", a.state);
    var line = el.querySelector("[data-apply-line]");
    if (line) { line.textContent = a.line; }
  }

  // Shows run `i` of `d` in `holder`: dates, places, state, deadline, code, price and the apply
  // box (on a course page, the box of the run's row in the table of runs).
  function showRun(holder, d, i, now) {
    var r = d.runs[i];
    var more = 0;
    d.runs.forEach(function (x, j) { if (j !== i && !(x.end && Date.parse(x.end) < now)) { more++; } });
    leadParts(holder, '[data-lead="dates"]').forEach(function (dd) {
      // A card holds the dates in a span before "N more dates", a page in the dd itself; either
      // carries the language of a starts_note from another translation, as built.
      var span = dd.querySelector(".more-dates");
      var own = dd.querySelector(":scope > span:not(.more-dates)");
      while (dd.firstChild) { dd.removeChild(dd.firstChild); }
      var text = own || dd;
      text.textContent = r.dates;
      markLang(text, r.dates_lang);
      if (own) { dd.appendChild(own); }
      if (span && more > 0 && d.more[more]) {
        span.textContent = "(" + d.more[more] + ")";
        dd.appendChild(document.createTextNode(" "));
        dd.appendChild(span);
      }
    });
    leadParts(holder, '[data-lead="places"]').forEach(function (div) {
      var dd = div.querySelector("dd");
      div.hidden = r.places.length === 0;
      while (dd.firstChild) { dd.removeChild(dd.firstChild); }
      r.places.forEach(function (p, k) {
        if (k > 0) {
          var sep = document.createElement("span");
          sep.className = "sep";
          sep.setAttribute("aria-hidden", "true");
          sep.textContent = " \u00b7 ";
          dd.appendChild(sep);
        }
        var b = document.createElement("bdi");
        b.className = "place";
        b.textContent = p;
        markLang(b, r.places_lang && r.places_lang[k]);
        dd.appendChild(b);
      });
    });
    leadParts(holder, '[data-lead="status"]').forEach(function (p) {
      p.hidden = !r.status_label;
      p.className = "status" + (r.status_label ? " status-" + r.status : "");
      p.textContent = r.status_label || "";
    });
    leadParts(holder, '[data-lead="deadline"]').forEach(function (div) {
      div.hidden = !r.apply.deadline;
      div.querySelector("dd").textContent = r.apply.deadline || "";
    });
    leadParts(holder, '[data-lead="code"] bdi').forEach(function (b) { b.textContent = r.code; });
    leadParts(holder, "[data-price]").forEach(function (el) { setPrice(el, r.price); });
    var row = holder.querySelector('table.runs tr[data-run="' + r.code + '"]');
    leadParts(holder, "[data-apply]").forEach(function (el) {
      if (row) {
        var box = row.querySelector("[data-apply]");
        if (box) { replaceKeepingHeight(el, box.cloneNode(true)); } else { el.hidden = true; }
      } else {
        setApplyLine(holder, el, r.apply);
      }
    });
    each("table.runs tr[data-run]", holder, function (tr) {
      tr.className = tr.getAttribute("data-run") === r.code ? "lead-run" : "";
    });
    // The list order of the catalogue's data is that of the run shown at the build (`listRank`).
    if (!holder.prospectusBuilt) { holder.prospectusBuilt = [instant(holder, "data-start"), instant(holder, "data-end")]; }
    if (r.start) { holder.setAttribute("data-start", r.start); } else { holder.removeAttribute("data-start"); }
    if (r.end) { holder.setAttribute("data-end", r.end); } else { holder.removeAttribute("data-end"); }
    holder.setAttribute("data-lead-run", r.code);
  }

  // The lang (and dir) of a text in another language than the page's (`m`: {lang, dir} as the
  // build writes them, src/render/kit/lang.rs), or none.
  function markLang(el, m) {
    if (m && m.lang) { el.setAttribute("lang", m.lang); } else { el.removeAttribute("lang"); }
    if (m && m.dir) { el.setAttribute("dir", m.dir); } else { el.removeAttribute("dir"); }
  }

  // The apply box of the new lead run takes the old one's place without moving what follows
  // it up (as `change` does for a box whose state changes): it keeps at least the old height.
  function replaceKeepingHeight(old, box) {
    var h = old.offsetHeight;
    old.parentNode.replaceChild(box, old);
    box.prospectusPainted = h;
    if (box.offsetHeight < h) { box.style.minHeight = h + "px"; }
  }

  // A course given several times shows the run that is the lead by the visitor's clock.
  function leads(holder, now) {
    var d = holder.prospectusRuns || (holder.prospectusRuns = JSON.parse(holder.getAttribute("data-runs")));
    var i = leadAt(d.runs, now);
    var shown = holder.getAttribute("data-lead-run") || d.runs[d.lead].code;
    if (d.runs[i].code !== shown) { showRun(holder, d, i, now); }
  }

  // Cards (also those a list takes in later) and course pages: the lead run, apply states and
  // prices.
  function applyAll(now) {
    var els = document.querySelectorAll("[data-runs]");
    var i;
    var changes = [];
    for (i = 0; i < els.length; i++) {
      try { leads(els[i], now); } catch (e) { /* leave the built run */ }
    }
    els = document.querySelectorAll("[data-apply][data-state]");
    for (i = 0; i < els.length; i++) {
      try { var c = update(els[i], now); if (c) { changes.push(c); } } catch (e) { /* leave the built text */ }
    }
    if (changes.length) { change(changes); }
    els = document.querySelectorAll("[data-price-steps]");
    for (i = 0; i < els.length; i++) {
      try { priceAt(els[i], now); } catch (e) { /* leave the built price */ }
    }
    els = document.querySelectorAll("[data-ends]");
    for (i = 0; i < els.length; i++) {
      try { optionEnded(els[i], now); } catch (e) { /* leave the built row */ }
    }
  }

  /* ---- lists --------------------------------------------------------------------------- */

  function each(sel, root, fn) {
    var nodes = (root || document).querySelectorAll(sel);
    for (var i = 0; i < nodes.length; i++) { fn(nodes[i]); }
  }

  // Where a course stands in lists (src/state.rs `listing`): courses to come or running by
  // their start, then self-paced ones, then finished ones, the most recently ended first.
  function rank(start, end, now) {
    if (start === null || end === null) { return [1, 0]; }
    return now <= end ? [0, start] : [2, -end];
  }

  // [group, key, code] of two courses, as the build sorts them.
  function compare(a, b) {
    return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
  }

  function cardRank(el, now) {
    return rank(instant(el, "data-start"), instant(el, "data-end"), now).concat([el.getAttribute("data-code") || ""]);
  }

  // The application state of a course card (or any element holding a [data-apply]) now.
  function applyState(el, now) {
    var a = el.querySelector("[data-apply][data-state]");
    if (!a) { return "none"; }
    return stateAt(a.getAttribute("data-state"), instant(a, "data-opens"), instant(a, "data-deadline"), now);
  }

  var BELONGS = {
    open: function (el, now) { var s = applyState(el, now); return s === "open" || s === "closing-soon"; },
    // Not started, starting within the list's data-soon-days, and not open for applications
    // (those are listed under "open"): src/state.rs `starting_soon`.
    soon: function (el, now, sec) {
      var t = instant(el, "data-start");
      var days = +sec.getAttribute("data-soon-days") || 0;
      return t !== null && now < t && t - now <= days * DAY && !BELONGS.open(el, now);
    },
    notices: function (el, now) { var t = instant(el, "data-expires"); return t === null || now <= t; }
  };

  // The element a <template data-later> holds, made once.
  function later(t) {
    if (!t.prospectusNode) {
      t.prospectusNode = document.importNode(t.content, true).firstElementChild;
      if (t.prospectusNode && t.prospectusNode.hasAttribute("data-runs")) {
        try { leads(t.prospectusNode, Date.now()); } catch (e) { /* the built run */ }
      }
    }
    return t.prospectusNode;
  }

  // A home page list: what belongs to it now, in the build's order, at most data-max.
  function homeList(sec, now) {
    var kind = sec.getAttribute("data-home-list");
    var box = sec.querySelector("[data-items]");
    if (!BELONGS[kind] || !box) { return; }
    var max = +sec.getAttribute("data-max") || 0;
    var items = [];
    var i;
    for (i = 0; i < box.children.length; i++) { items.push({ el: box.children[i] }); }
    each("template[data-later]", sec, function (t) { if (later(t)) { items.push({ el: later(t), t: t }); } });
    var key = kind === "notices"
      ? function (el) { return [0, +el.getAttribute("data-rank"), ""]; }
      : function (el) { return cardRank(el, now); };
    var keep = items.filter(function (it) { return BELONGS[kind](it.el, now, sec); })
      .sort(function (a, b) { return compare(key(a.el), key(b.el)); }).slice(0, max);
    var same = keep.length === box.children.length && keep.every(function (it, j) { return box.children[j] === it.el; });
    if (same) { return; }
    items.forEach(function (it) {
      if (keep.indexOf(it) < 0 && !it.t && it.el.parentNode) { it.el.parentNode.removeChild(it.el); }
    });
    keep.forEach(function (it) {
      box.appendChild(it.el);
      if (it.t && it.t.parentNode) { it.t.parentNode.removeChild(it.t); }
    });
    box.hidden = keep.length === 0;
    var none = sec.querySelector("[data-none]");
    if (none) { none.hidden = keep.length > 0; }
  }

  // The notices page: current notices past their expiry move to the archive (site order).
  function noticesPage(now) {
    var cur = document.querySelector('[data-notices="current"]');
    var arch = document.querySelector('[data-notices="archived"]');
    var cl = cur && cur.querySelector("[data-items]");
    var al = arch && arch.querySelector("[data-items]");
    if (!cl || !al) { return; }
    var moved = false;
    each(":scope > li[data-expires]", cl, function (li) {
      if (BELONGS.notices(li, now)) { return; }
      each(".summary", li, function (s) { s.parentNode.removeChild(s); });
      var r = +li.getAttribute("data-rank");
      var before = null;
      for (var i = 0; i < al.children.length && !before; i++) {
        if (+al.children[i].getAttribute("data-rank") > r) { before = al.children[i]; }
      }
      al.insertBefore(li, before);
      moved = true;
    });
    if (!moved) { return; }
    var empty = cl.children.length === 0;
    cl.hidden = empty;
    var none = cur.querySelector("[data-none]");
    if (none) { none.hidden = !empty; }
    if (empty && cur.hasAttribute("data-hide-empty")) { cur.hidden = true; }
    arch.hidden = false;
  }

  // A notice's own page: "Current until …" becomes "expired" after the day.
  function noticePage(now) {
    each("p[data-expires]", null, function (p) {
      var t = instant(p, "data-expires");
      var text = str("notice_archived");
      if (t === null || now <= t || text === null) { return; }
      p.textContent = text;
      p.className = "status status-archived";
      p.removeAttribute("data-expires");
    });
  }

  // A refund period that is over since the build.
  function refunds(now) {
    each("tr[data-over]", null, function (tr) {
      var t = instant(tr, "data-over");
      var text = str("refund_period_past");
      if (t === null || now < t || text === null || / past /.test(" " + tr.className + " ")) { return; }
      tr.className = (tr.className + " past").trim();
      var note = document.createElement("span");
      note.className = "past-note";
      note.textContent = text;
      var cell = tr.cells[0];
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(note);
    });
  }

  /* ---- calendars ------------------------------------------------------------------------ */

  // "2025-08": the month of `t` in the zone `tz` (the site's).
  function monthIn(t, tz) {
    var d = new Date(dayIn(t, tz) * DAY);
    var m = d.getUTCMonth() + 1;
    return d.getUTCFullYear() + "-" + (m < 10 ? "0" : "") + m;
  }

  function monthOf(el) {
    var holder = el.hasAttribute("data-month") ? el : el.closest("[data-month]");
    return holder ? holder.getAttribute("data-month") : null;
  }

  function calendar(now) {
    var marks = document.querySelectorAll("[data-now-mark]");
    var up = document.querySelector('[data-cal="upcoming"]');
    if (!marks.length && !up) { return; }
    // The build's month until it ends (no zone arithmetic, which costs the first time), then
    // the month by the clock in the site's zone.
    var until = strings ? instant(strings, "data-site-month-until") : null;
    var ym = until !== null && now < until ? strings.getAttribute("data-site-month")
      : monthIn(now, strings && strings.getAttribute("data-site-tz"));
    var label = str("calendar_this_month");
    each("[data-now-mark]", null, function (el) {
      var mark = el.querySelector(":scope > .cal-now");
      if (monthOf(el) === ym && !mark && label !== null) {
        mark = document.createElement("span");
        mark.className = "cal-now";
        mark.textContent = "(" + label + ")";
        var link = el.querySelector(":scope > a");
        var after = link ? link.nextSibling : null;
        el.insertBefore(document.createTextNode(" "), after);
        el.insertBefore(mark, after);
      } else if (monthOf(el) !== ym && mark) {
        var space = mark.previousSibling;
        if (space && space.nodeType === 3 && !space.nodeValue.trim()) { el.removeChild(space); }
        el.removeChild(mark);
      }
    });
    each(".cal-preview[data-month]", null, function (p) { if (p.getAttribute("data-month") < ym) { p.hidden = true; } });
    var past = document.querySelector('[data-cal="past"]');
    if (!up || !past) { return; }
    var upList = up.querySelector("[data-items]");
    var pastList = past.querySelector("[data-items]");
    var from = upList || up;
    var moving = [];
    each(":scope > [data-month]", from, function (m) { if (m.getAttribute("data-month") < ym) { moving.push(m); } });
    if (!moving.length) { return; }
    // Past months are listed the most recent first.
    var heading = past.querySelector(":scope > h2");
    moving.forEach(function (m) {
      if (pastList) { pastList.insertBefore(m, pastList.firstChild); }
      else { past.insertBefore(m, heading ? heading.nextSibling : past.firstChild); }
    });
    past.hidden = false;
    if (pastList) { pastList.hidden = false; }
    each(":scope > [data-none]", past, function (p) { p.hidden = true; });
    var left = from.querySelectorAll(":scope > [data-month]").length;
    if (upList) { upList.hidden = left === 0; }
    var none = up.querySelector(":scope > [data-none]");
    if (none) { none.hidden = left > 0; }
    // The in-page links to the months: those gone to the past lead there.
    each("nav.cal-months a[href^='#m-']", null, function (a) {
      if (a.getAttribute("href").slice(3) < ym) { a.parentNode.parentNode.removeChild(a.parentNode); }
    });
    var nav = document.querySelector("nav.cal-months ul");
    if (nav && !nav.querySelector("a[href='#past-h']") && str("calendar_past") !== null) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#past-h";
      a.textContent = str("calendar_past");
      li.appendChild(a);
      nav.appendChild(li);
    }
  }

  /* ---- the catalogue and topic lists --------------------------------------------------- */

  var json = {};
  function loadJson(url) {
    if (!json[url]) {
      json[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(url + ": " + r.status); }
        return r.json();
      });
    }
    return json[url];
  }

  function secs(v) { return typeof v === "number" ? v * 1000 : null; }

  // Once a course of the list has finished since the build ([data-stale-after]), the page's
  // cards are those its page holds by the visitor's clock: the order comes from the catalogue's
  // data (every course with its start and end), cards not on this page from the catalogue page
  // that held them at the build (the same card). Not while the catalogue filters show their own
  // list ([data-filtered]): they ask again when the filters are cleared.
  function reorder(list) {
    var now = Date.now();
    var after = instant(list, "data-stale-after");
    if (after === null || now <= after || list.hasAttribute("data-filtered") || list.prospectusBusy) { return; }
    settle(list, now);
    list.prospectusBusy = true;
    var done = function () { list.prospectusBusy = false; };
    loadJson(list.getAttribute("data-order")).then(function (d) {
      var iStart = d.fields.indexOf("start");
      var iEnd = d.fields.indexOf("end");
      var iTopics = d.fields.indexOf("topics");
      var topic = list.getAttribute("data-order-topic");
      var ti = topic ? d.topics.indexOf(topic) : -1;
      var rows = [];
      d.courses.forEach(function (r, i) {
        if (topic && r[iTopics].indexOf(ti) < 0) { return; }
        var key = rank(secs(r[iStart]), secs(r[iEnd]), now).concat([r[0]]);
        if (inPart(list, key[0])) { rows.push({ code: r[0], built: i, key: key }); }
      });
      rows.sort(function (a, b) { return compare(a.key, b.key); });
      showCount(list, rows.length);
      var size = +list.getAttribute("data-order-size") || 1;
      var page = +list.getAttribute("data-order-page") || 1;
      var want = rows.slice((page - 1) * size, page * size);
      var cards = [];
      var found = {};
      each(":scope > [data-course]", list, function (c) { cards.push(c); found[c.getAttribute("data-code")] = c; });
      if (want.length === cards.length && want.every(function (r, i) { return cards[i].getAttribute("data-code") === r.code; })) { return; }
      var need = {};
      want.forEach(function (r) {
        if (!found[r.code]) { var u = cardPage(list, r.built); (need[u] = need[u] || []).push(r.code); }
      });
      return Promise.all(Object.keys(need).map(function (url) {
        return fetchDocument(url).then(function (doc) {
          need[url].forEach(function (code) {
            var c = doc.querySelector('[data-list] > [data-course][data-code="' + code + '"]');
            if (c) { found[code] = document.importNode(c, true); }
          });
        });
      })).then(function () {
        if (list.hasAttribute("data-filtered") || !want.every(function (r) { return found[r.code]; })) { return; }
        var keep = {};
        want.forEach(function (r) { keep[r.code] = true; });
        cards.forEach(function (c) { if (!keep[c.getAttribute("data-code")]) { list.removeChild(c); } });
        want.forEach(function (r) { list.appendChild(found[r.code]); });
        // An archive that was empty at the build says so no longer.
        each("[data-list-none]", list.parentNode, function (p) { p.hidden = want.length > 0; });
        applyAll(Date.now());
        var ev = document.createEvent("Event");
        ev.initEvent("prospectus:list", false, false);
        list.dispatchEvent(ev);
      });
    }).then(done, done); // on failure the built list stays
  }

  // Where a card stands in the catalogue and topic lists at `now`: by the start and end of the
  // run it showed at the build, as the catalogue's data that `reorder` reads (its `start`,
  // `end`), so that both place it alike.
  function listRank(el, now) {
    var b = el.prospectusBuilt;
    return b ? rank(b[0], b[1], now).concat([el.getAttribute("data-code") || ""]) : cardRank(el, now);
  }

  // What a list's first page can decide alone, before the first paint (the page holds its
  // rendering until this script has run: `blocking="render"` in base.html): its cards in the order of the clock, those
  // that left the list gone, and the cards the build left in <template data-later> beside it
  // (the archive's: the courses current at the build, which come in at its top once they have
  // finished) taken in. What `reorder` then brings from the following pages only comes in at
  // the list's end, into the place of the cards that left, kept for them.
  function settle(list, now) {
    if ((+list.getAttribute("data-order-page") || 1) !== 1) { return; }
    var size = +list.getAttribute("data-order-size") || 1;
    var items = [];
    each(":scope > [data-course]", list, function (c) { items.push({ el: c }); });
    each(":scope > template[data-later]", list.parentNode, function (t) { if (later(t)) { items.push({ el: later(t), t: t }); } });
    items.forEach(function (it) { it.key = listRank(it.el, now); });
    var keep = items.filter(function (it) { return inPart(list, it.key[0]); })
      .sort(function (a, b) { return compare(a.key, b.key); }).slice(0, size);
    var cards = items.filter(function (it) { return !it.t; });
    if (keep.length === cards.length && keep.every(function (it, j) { return it === cards[j]; })) { return; }
    var h = list.offsetHeight;
    cards.forEach(function (it) { if (keep.indexOf(it) < 0) { list.removeChild(it.el); } });
    keep.forEach(function (it) {
      list.appendChild(it.el);
      if (it.t) { it.t.parentNode.removeChild(it.t); }
    });
    each("[data-list-none]", list.parentNode, function (p) { p.hidden = keep.length > 0; });
    var more = list.parentNode.querySelector(".pager a[rel=next]");
    if (more && keep.length < size && list.offsetHeight < h) { list.style.minHeight = h + "px"; }
  }

  // The list's "N courses" ([data-count] beside it): the courses it holds by the visitor's
  // clock, on every page of it, unless the catalogue's filters show their own count.
  function showCount(list, n) {
    var el = list.parentNode.querySelector("[data-count]");
    if (!el || list.hasAttribute("data-filtered") || str("courses_count_other") === null) { return; }
    var text = count("courses_count", n);
    if (el.textContent !== text) { el.textContent = text; }
  }

  // Whether a course of list group `group` (rank()[0]; 2: finished) belongs in `list` by the
  // visitor's clock: with [catalogue] past = "archive" or "hide", finished courses leave the
  // catalogue and topic pages (data-order-part="current") and the archive takes them ("past").
  function inPart(list, group) {
    var part = list.getAttribute("data-order-part");
    return part === "current" ? group !== 2 : part === "past" ? group === 2 : true;
  }

  // The page that held card `built` (its index in the catalogue's data) at the build: one of
  // the catalogue's pages for its first data-order-split courses, else one of the archive's.
  function cardPage(list, built) {
    var size = +list.getAttribute("data-order-size") || 1;
    var split = list.hasAttribute("data-order-split") ? +list.getAttribute("data-order-split") : Infinity;
    var past = built >= split;
    var p = Math.floor((past ? built - split : built) / size) + 1;
    var first = list.getAttribute(past ? "data-order-past-first" : "data-order-first");
    return p === 1 ? first : list.getAttribute(past ? "data-order-past-pages" : "data-order-pages").replace("{n}", p);
  }

  // Another page of the site, parsed by the browser as it loads (XHR's "document" response):
  // pages may be served with Trusted Types required (docs/hosting.md), which refuses parsing an
  // HTML string (DOMParser, innerHTML) without a policy. Each page is loaded once.
  var docs = {};
  function fetchDocument(url) {
    if (!docs[url]) {
      docs[url] = loadDocument(url);
      docs[url].catch(function () { delete docs[url]; });
    }
    return docs[url];
  }

  function loadDocument(url) {
    return new Promise(function (resolve, reject) {
      var x = new XMLHttpRequest();
      x.open("GET", url);
      x.responseType = "document";
      x.onload = function () {
        if (x.status >= 200 && x.status < 300 && x.response) { resolve(x.response); } else { reject(new Error(url + ": " + x.status)); }
      };
      x.onerror = function () { reject(new Error(url)); };
      x.send();
    });
  }

  function run() {
    var now = Date.now();
    applyAll(now);
    var steps = [
      function () { each("[data-home-list]", null, function (s) { homeList(s, now); }); },
      function () { noticesPage(now); },
      function () { noticePage(now); },
      function () { calendar(now); },
      function () { refunds(now); },
      function () { each("[data-list][data-order]", null, reorder); }
    ];
    steps.forEach(function (f) { try { f(); } catch (e) { /* leave the built page */ } });
    // Cards that came into a list since: their application state too.
    applyAll(now);
  }

  // A language picked in the switcher is the one `/` opens next time (see chooser.html).
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest(".languages a[hreflang]");
    if (a) { try { localStorage.setItem("prospectus-lang", a.getAttribute("hreflang")); } catch (x) { /* private mode */ } }
  });

  // The catalogue's filters on a small screen (narrower than 40em, or lower than 32em: a phone
  // either way up), where their fields fill the first screen: folded under their heading
  // (catalogue.html's <details>) before the first paint, so that the first courses are in sight
  // and nothing moves, unless the address sets a filter (a shared filtered list shows what
  // filters it). A larger screen keeps them open, as built. The names of the filters in the
  // address, also read by assets/find.js.
  var FILTERS = ["q", "topic", "modality", "language", "country", "place", "month", "open"];
  function foldFilters() {
    var box = document.querySelector("[data-filter-box]");
    if (!box || !window.matchMedia("(max-width: 39.99em), (max-height: 31.99em)").matches) { return; }
    var set = location.search.replace(/^\?/, "").split("&").some(function (kv) {
      var i = kv.indexOf("=");
      if (i < 1 || i === kv.length - 1) { return false; }
      try { return FILTERS.indexOf(decodeURIComponent(kv.slice(0, i))) >= 0; } catch (e) { return false; }
    });
    if (!set) { box.open = false; }
  }
  foldFilters();

  // `refresh` restates the page by the clock now (also elements added since); `state`, `rank`,
  // `compare` and `count` are the rules and the counted texts, shared with the catalogue filters (assets/find.js), `inPart`
  // whether a course belongs in a list by the clock, and `page` loads another page of the site,
  // from which they take the cards the build wrote (`cardPage`: which page holds one); `filters`
  // the names of the catalogue's filters in the address.
  window.Prospectus = { state: stateAt, count: count, rank: rank, compare: compare, str: str, fill: fill, refresh: run, reorder: reorder, page: fetchDocument, cardPage: cardPage, inPart: inPart, filters: FILTERS };
  run();
  // A tab left open across a deadline, or restored from the back-forward cache.
  window.setInterval(run, 60000);
  window.addEventListener("pageshow", function (e) { if (e.persisted) { run(); } });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { run(); }
  });
}());
