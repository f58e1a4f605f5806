/* Prospectus: keeps application states true in the visitor's browser.
   A page is built at one instant; the deadline may have passed since. Every [data-apply]
   element carries its built state and the instants (RFC 3339, UTC) it depends on; the state is
   recomputed from the visitor's clock and, when it has moved on, the line, the state class and
   the apply button follow. Texts come from the page (#prospectus-strings), so they stay in the
   page's language. No request, no dependency. */
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

  function daysText(n) {
    var cat = plural ? plural.select(n) : (n === 1 ? "one" : "other");
    var text = (cat === "one" ? str("days_one") : str("days_" + cat)) || str("days_other");
    return text === null ? String(n) : fill(text, { n: String(n) });
  }

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

  function update(el, now) {
    var built = el.getAttribute("data-state");
    if (!RANK.hasOwnProperty(built)) { return; } // none, unavailable: never change
    var deadline = instant(el, "data-deadline");
    var state = stateAt(built, instant(el, "data-opens"), deadline, now);
    var forward = state !== built;
    // Still closing soon: only the count of days left may change.
    if (!forward && !(state === "closing-soon" && deadline !== null && deadline - now <= SOON)) { return; }
    var line = lineFor(state, el, now);
    var lineEl = el.querySelector("[data-apply-line]");
    if (lineEl && line !== null && lineEl.textContent !== line) { lineEl.textContent = line; }
    if (!forward) { return; }
    setState(el, state);
    var i, nodes;
    if (state === "closed") {
      nodes = el.querySelectorAll("[data-apply-button], [data-apply-later]");
      for (i = 0; i < nodes.length; i++) { nodes[i].parentNode.removeChild(nodes[i]); }
    } else if (state === "open" || state === "closing-soon") {
      nodes = el.querySelectorAll("[data-apply-later]");
      for (i = 0; i < nodes.length; i++) {
        nodes[i].removeAttribute("data-apply-later");
        nodes[i].removeAttribute("hidden");
        nodes[i].setAttribute("data-apply-button", "");
      }
    }
  }

  function run() {
    var now = Date.now();
    var els = document.querySelectorAll("[data-apply][data-state]");
    for (var i = 0; i < els.length; i++) {
      try { update(els[i], now); } catch (e) { /* leave the built text */ }
    }
  }

  // `refresh` restates every [data-apply] element by the clock now (also elements added since).
  window.Prospectus = { state: stateAt, str: str, fill: fill, refresh: run };
  run();
  // A tab left open across a deadline, or restored from the back-forward cache.
  window.setInterval(run, 60000);
  window.addEventListener("pageshow", function (e) { if (e.persisted) { run(); } });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { run(); }
  });
}());
