/* Prospectus: catalogue filters and site search, in the visitor's browser.
   Both read small JSON files written by the build (src/render/filters.rs): the catalogue's
   /<lang>/courses/index.json (every course, not only those on this page) and, for the search
   page, /<lang>/search/index.json (notices and pages). They are fetched on first use. Text is
   compared accent-folded ("egalite" finds "Égalité", Arabic without its short vowels).
   A course's row holds its runs: the filters that depend on the run (open now, month, country,
   place) match a course when one of its runs answers them all, and show its card once. "Open
   now" asks prospectus.js (window.Prospectus.state), which keeps the apply buttons true, so both
   use the same rules and the visitor's clock. No request leaves the site. */
(function () {
  "use strict";

  var cache = {};

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) { throw new Error(url + ": " + r.status); }
        return r.json();
      }).then(function (d) {
        if (!d || d.v !== 4) { throw new Error(url + ": unknown format"); }
        // A course row's fields by name: d.f.title is the index of the title in a row; d.rf
        // the same for one of its runs (d.f.runs).
        d.f = {};
        d.fields.forEach(function (name, i) { d.f[name] = i; });
        d.rf = {};
        (d.run_fields || []).forEach(function (name, i) { d.rf[name] = i; });
        return d;
      });
    }
    return cache[url];
  }

  // Lower case, without accents, Arabic without harakat and tatweel and with one alef.
  function fold(s) {
    s = String(s || "");
    if (s.normalize) { s = s.normalize("NFD"); }
    return s.replace(/[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g, "")
      .toLowerCase()
      .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627")
      .replace(/\u0649/g, "\u064a")
      .replace(/\u0629/g, "\u0647")
      .replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae").replace(/\u00df/g, "ss")
      .replace(/[\u2019\u02bc`]/g, "'");
  }

  function terms(q) {
    return fold(q).split(/[\s,;:!?()"\u00ab\u00bb\u201c\u201d\u060c\u061b]+/).filter(Boolean);
  }

  // "3 courses match": the counted text of the state script (prospectus.js `count`: the plural
  // form of the page's language, the number grouped as the build writes it), from
  // data-<prefix>-<form> of `el`, or of the page's strings without `el`.
  function countText(el, prefix, n) {
    var P = window.Prospectus;
    return P && P.count ? P.count(prefix, n, el) : String(n);
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) { if (attrs[k] !== null && attrs[k] !== undefined) { e.setAttribute(k, attrs[k]); } }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function courseUrl(d, r) {
    var u = r[d.f.url];
    return u.charAt(0) === "/" ? u : d.base + u + "/";
  }

  // The code of the language of the page a row links to, when not the page's.
  function otherLang(d, r) { return r.length > d.f.other ? r[d.f.other] : null; }

  function secs(v) { return typeof v === "number" ? v * 1000 : null; }

  // The application state of one run of a course (a row of r[d.f.runs]) at `now`, by the
  // visitor's clock; a course row's state is that of its first run, the one its card shows.
  function runState(d, run, now) {
    var R = d.rf;
    var built = d.states[run[R.state]];
    var P = window.Prospectus;
    return P ? P.state(built, secs(run[R.opens]), secs(run[R.closes]), now) : built;
  }

  function stateNow(d, r) { return runState(d, r[d.f.runs][0], Date.now()); }

  // Whether a run has ended at `now`.
  function runEnded(d, run, now) {
    var e = secs(run[d.rf.end]);
    return e !== null && e < now;
  }

  function label(key) {
    var P = window.Prospectus;
    return (P && P.str(key)) || "";
  }

  /* ---- catalogue filters ---------------------------------------------------------------- */

  // The filters' names in the address, as prospectus.js reads them to fold the form.
  var FIELDS = window.Prospectus.filters;

  function catalogue(form) {
    var list = document.querySelector("[data-list]");
    var count = document.querySelector("[data-count]");
    var none = document.querySelector("[data-none]");
    var pager = document.querySelector("[data-pager]");
    if (!list || !count) { return; }
    var builtCount = count.textContent;
    var startPath = location.pathname;
    var current = list.getAttribute("data-order-part") === "current";
    var onPage = {};
    var order = [];
    // Cards of courses not on this page: taken from the catalogue page that holds them (the
    // card the build wrote), else made from the data (card()) when that page cannot be loaded.
    var made = {};
    var asked = 0;
    // The cards of the unfiltered list, in order: as built, or as prospectus.js reorders them
    // by the visitor's clock ("prospectus:list").
    function capture() {
      onPage = {};
      order = [];
      var nodes = list.querySelectorAll("[data-course]");
      for (var i = 0; i < nodes.length; i++) {
        onPage[nodes[i].getAttribute("data-code")] = nodes[i];
        order.push(nodes[i]);
      }
    }
    capture();
    list.addEventListener("prospectus:list", function () { capture(); if (!list.hasAttribute("data-filtered")) { showTotal(); } });
    var data = null;
    var hay = [];
    var timer = null;

    function field(name) { return form.elements.namedItem(name); }

    // A select the page may not have (no course states a country: no country filter).
    function choice(name) { var f = field(name); return f ? f.value : ""; }

    function values() {
      return {
        q: field("q").value.trim(),
        topic: choice("topic"),
        modality: choice("modality"),
        language: choice("language"),
        country: choice("country"),
        place: choice("place"),
        month: choice("month"),
        open: field("open").checked
      };
    }

    function active(v) { return !!(v.q || v.topic || v.modality || v.language || v.country || v.place || v.month || v.open); }

    function queryString(v) {
      var parts = [];
      FIELDS.forEach(function (k) {
        var x = v[k];
        if (x === true) { x = "1"; }
        if (x) { parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(x)); }
      });
      return parts.join("&");
    }

    function restore() {
      var params = {};
      location.search.replace(/^\?/, "").split("&").forEach(function (kv) {
        if (!kv) { return; }
        var i = kv.indexOf("=");
        var k = decodeURIComponent((i < 0 ? kv : kv.slice(0, i)).replace(/\+/g, " "));
        var v = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
        params[k] = v;
      });
      FIELDS.forEach(function (k) {
        var f = field(k);
        if (!f || !Object.prototype.hasOwnProperty.call(params, k)) { return; }
        if (f.type === "checkbox") { f.checked = params[k] !== "" && params[k] !== "0"; }
        else if (f.tagName === "SELECT") {
          for (var j = 0; j < f.options.length; j++) {
            if (f.options[j].value === params[k]) { f.value = params[k]; }
          }
        } else { f.value = params[k]; }
      });
    }

    function optionText(name, value) {
      var f = field(name);
      for (var j = 0; f && j < f.options.length; j++) {
        if (f.options[j].value === value) { return f.options[j].textContent; }
      }
      return value;
    }

    // A card made from the data, for a course whose catalogue page could not be loaded: its
    // title, summary, dates, format and application state only.
    function card(r) {
      var F = data.f;
      var a = el("article", { "class": "card", "data-course": "", "data-code": r[F.code] });
      var h = el("h2", { "class": "card-title" });
      var other = otherLang(data, r);
      var link = el("a", { href: courseUrl(data, r), hreflang: other });
      link.appendChild(el("span", { lang: other, dir: other ? "auto" : null }, r[F.title]));
      h.appendChild(link);
      a.appendChild(h);
      if (r[F.summary]) { a.appendChild(el("p", { "class": "summary", lang: other, dir: other ? "auto" : null }, r[F.summary])); }
      var dl = el("dl", { "class": "facts" });
      [[form.getAttribute("data-l-dates"), r[F.dates]],
        [form.getAttribute("data-l-modality"), optionText("modality", data.modalities[r[F.modality]])],
        [form.getAttribute("data-l-code"), r[F.code], true]].forEach(function (f) {
        var div = el("div");
        div.appendChild(el("dt", {}, f[0]));
        var dd = el("dd");
        dd.appendChild(f[2] ? el("bdi", { "class": "code" }, f[1]) : document.createTextNode(f[1]));
        div.appendChild(dd);
        dl.appendChild(div);
      });
      a.appendChild(dl);
      var st = stateNow(data, r);
      // "none": the note says nothing about applying, nor does the card.
      if (st !== "none") { a.appendChild(el("p", { "class": "state state-" + st }, label("state_" + st.replace(/-/g, "_")))); }
      return a;
    }

    // Whether one run of a course answers every filter that depends on the run (start month,
    // country, open now) at `now`. Where finished courses leave the catalogue for the archive
    // (data-order-part="current"), so do finished runs: they match nothing here.
    function runMatches(run, v, now) {
      var R = data.rf;
      if (current && runEnded(data, run, now)) { return false; }
      if (v.month && (run[R.month] === null || data.months[run[R.month]] !== v.month)) { return false; }
      if (v.country && run[R.countries].indexOf(data.countries.indexOf(v.country)) < 0) { return false; }
      if (v.place && run[R.places].indexOf(data.places.indexOf(v.place)) < 0) { return false; }
      if (v.open) {
        var st = runState(data, run, now);
        if (st !== "open" && st !== "closing-soon") { return false; }
      }
      return true;
    }

    function matches(r, i, v, qterms) {
      var F = data.f;
      if (v.topic && r[F.topics].indexOf(data.topics.indexOf(v.topic)) < 0) { return false; }
      if (v.modality && data.modalities[r[F.modality]] !== v.modality) { return false; }
      if (v.language && r[F.languages].indexOf(data.languages.indexOf(v.language)) < 0) { return false; }
      // A course given several times matches when one of its runs does (one card per course).
      if (v.month || v.country || v.place || v.open) {
        var now = Date.now();
        if (!r[F.runs].some(function (run) { return runMatches(run, v, now); })) { return false; }
      }
      for (var k = 0; k < qterms.length; k++) {
        if (hay[i].indexOf(qterms[k]) < 0) { return false; }
      }
      return true;
    }

    // The catalogue's own count ("12 courses"): the build's, until courses have left for the
    // archive by the visitor's clock; then the courses it holds now, in the plural form of the
    // page's language (the strings courses_count_* of the page, as the build).
    function showTotal() {
      var t = data && current && label("courses_count_other") ? countText(null, "courses_count", ordered().length) : builtCount;
      if (count.textContent !== t) { count.textContent = t; }
    }

    function showAll() {
      for (var code in made) { made[code].hidden = true; }
      order.forEach(function (n) { n.hidden = false; list.appendChild(n); });
      list.removeAttribute("data-filtered");
      if (pager) { pager.hidden = false; }
      if (none) { none.hidden = true; }
      showTotal();
      var P = window.Prospectus;
      if (P && P.reorder) { P.reorder(list); }
    }

    // The rows in list order by the visitor's clock (the build's order, src/state.rs
    // `listing`, once courses have finished since).
    function ordered() {
      var P = window.Prospectus;
      var rows = data.courses.map(function (r, i) { return { r: r, i: i }; });
      if (!P || !P.rank) {
        // Without the state script, the catalogue's own courses at the build.
        var split = list.hasAttribute("data-order-split") ? +list.getAttribute("data-order-split") : rows.length;
        return rows.slice(0, split);
      }
      var now = Date.now();
      var F = data.f;
      rows.forEach(function (x) { x.k = P.rank(secs(x.r[F.start]), secs(x.r[F.end]), now).concat([x.r[F.code]]); });
      // Finished courses are in the archive, not in the catalogue (data-order-part).
      return rows.filter(function (x) { return P.inPart(list, x.k[0]); })
        .sort(function (a, b) { return P.compare(a.k, b.k) || a.i - b.i; });
    }

    // Loads the cards of `rows` from the catalogue pages that hold them (the list's
    // data-order-* attributes; row i of the data is card i of those pages), then calls `done`.
    function fetchCards(rows, done) {
      var P = window.Prospectus;
      var need = {};
      rows.forEach(function (x) {
        if (!P || !P.page || !list.hasAttribute("data-order-size")) { return; }
        var u = P.cardPage(list, x.i);
        (need[u] = need[u] || []).push(x.r[data.f.code]);
      });
      var fallback = function () { rows.forEach(function (x) { var c = x.r[data.f.code]; if (!made[c]) { made[c] = card(x.r); } }); };
      var keys = Object.keys(need);
      if (!keys.length) { fallback(); done(); return; }
      Promise.all(keys.map(function (url) {
        return P.page(url).then(function (doc) {
          need[url].forEach(function (code) {
            var c = doc.querySelector('[data-list] > [data-course][data-code="' + code + '"]');
            if (c && !made[code]) { made[code] = document.importNode(c, true); }
          });
        }, function () { /* made from the data below */ });
      })).then(function () { fallback(); done(); });
    }

    function render(v) {
      var F = data.f;
      var qterms = terms(v.q);
      var rows = ordered().filter(function (x) { return matches(x.r, x.i, v, qterms); });
      var missing = rows.filter(function (x) { var c = x.r[F.code]; return !onPage[c] && !made[c]; });
      var ask = ++asked;
      list.setAttribute("data-filtered", "");
      if (missing.length) {
        fetchCards(missing, function () { if (ask === asked) { show(rows); } });
        return;
      }
      show(rows);
    }

    function show(rows) {
      var F = data.f;
      var seen = {};
      var n = 0;
      rows.forEach(function (x) {
        var code = x.r[F.code];
        var node = onPage[code] || made[code];
        node.hidden = false;
        list.appendChild(node);
        seen[code] = true;
        n++;
      });
      order.forEach(function (node) { if (!seen[node.getAttribute("data-code")]) { node.hidden = true; } });
      for (var code in made) { if (!seen[code]) { made[code].hidden = true; } }
      if (pager) { pager.hidden = true; }
      if (none) { none.hidden = n > 0; }
      count.textContent = countText(form, "count", n);
      // Cards taken from other pages say what they said at the build: restate them by the clock.
      var P = window.Prospectus;
      if (P && P.refresh) { P.refresh(); }
    }

    // The choices of the selects whose values come from the courses (format, language of
    // instruction, start month, country): those of the courses the catalogue holds by the
    // visitor's clock, and of their runs not finished where finished ones go to the archive,
    // as the build offers them at its own time (src/render/facets.rs). A choice the visitor
    // made (or the address holds) stays.
    function prune() {
      if (!current) { return; }
      var now = Date.now();
      var F = data.f;
      var R = data.rf;
      var have = { modality: {}, language: {}, month: {}, country: {}, place: {} };
      ordered().forEach(function (x) {
        var r = x.r;
        have.modality[data.modalities[r[F.modality]]] = true;
        r[F.languages].forEach(function (l) { have.language[data.languages[l]] = true; });
        r[F.runs].forEach(function (run) {
          if (runEnded(data, run, now)) { return; }
          if (run[R.month] !== null) { have.month[data.months[run[R.month]]] = true; }
          run[R.countries].forEach(function (k) { have.country[data.countries[k]] = true; });
          run[R.places].forEach(function (k) { have.place[data.places[k]] = true; });
        });
      });
      Object.keys(have).forEach(function (name) {
        var f = field(name);
        for (var j = f && f.options ? f.options.length - 1 : -1; j >= 0; j--) {
          var o = f.options[j];
          if (o.value && !have[name][o.value] && !o.selected) { f.remove(j); }
        }
      });
    }

    // The catalogue's data, loaded once (then the choices are those of the visitor's clock).
    function ready() {
      return load(form.getAttribute("data-src")).then(function (d) {
        if (!data) {
          data = d;
          hay = d.courses.map(function (r) { return fold([r[d.f.code], r[d.f.title], r[d.f.summary], r[d.f.place]].join(" ")); });
          prune();
          if (!active(values())) { showTotal(); }
        }
        return d;
      });
    }

    function apply() {
      var v = values();
      var on = active(v);
      var qs = queryString(v);
      var path = on ? (form.getAttribute("action") || startPath) : startPath;
      try { history.replaceState(history.state, "", path + (qs ? "?" + qs : "") + location.hash); } catch (e) { /* file: URLs */ }
      if (!on) { asked++; showAll(); return; }
      if (data) { render(v); return; }
      ready().then(function () { render(values()); }, function () {
        count.textContent = form.getAttribute("data-error") || builtCount;
      });
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); apply(); });
    form.addEventListener("change", function () { clearTimeout(timer); apply(); });
    form.addEventListener("input", function (e) {
      if (e.target && e.target.name === "q") { clearTimeout(timer); timer = setTimeout(apply, 250); }
    });
    form.addEventListener("reset", function () { clearTimeout(timer); setTimeout(apply, 0); });
    var reset = document.querySelector("[data-none] button");
    if (reset) { reset.addEventListener("click", function () { form.reset(); field("q").focus(); }); }
    // Fetch the data as soon as the visitor turns to the form, so the first filter is instant.
    form.addEventListener("focusin", function () { load(form.getAttribute("data-src")).catch(function () {}); });
    // The stylesheet shows the form and hides the topic links (the way without script; the
    // topic select does what they do) under `html.js`, set in the head before the first paint.
    restore();
    if (active(values())) { apply(); }
    // A course of the catalogue has finished since the build (data-stale-after): the choices
    // its runs alone gave go, by the visitor's clock.
    var stale = Date.parse(list.getAttribute("data-stale-after") || "");
    if (current && !isNaN(stale) && Date.now() > stale) { ready().catch(function () {}); }
    form.setAttribute("data-ready", "");
  }

  /* ---- site search ---------------------------------------------------------------------- */

  function search(form) {
    var input = form.elements.namedItem("q");
    var results = document.querySelector("[data-search-results]");
    var count = document.querySelector("[data-search-count]");
    var fallback = document.querySelector("[data-search-fallback]");
    if (!input || !results || !count) { return; }
    var items = null;
    var timer = null;

    function kindLabel(k) { return form.getAttribute("data-kind-" + k) || ""; }

    function build(parts) {
      var d = parts[0];
      var s = parts[1];
      var F = d.f;
      items = d.courses.map(function (r) {
        return { kind: "course", title: r[F.title], summary: r[F.summary], url: courseUrl(d, r), code: r[F.code],
          meta: r[F.place] ? r[F.dates] + " · " + r[F.place] : r[F.dates],
          lang: otherLang(d, r), t: fold(r[F.title]), c: fold(r[F.code]), s: fold(r[F.summary]), x: fold(r[F.place]) };
      });
      s.items.forEach(function (r) {
        items.push({ kind: r[0] === "n" ? "notice" : "page", title: r[1], summary: r[2] || r[4].slice(0, 200),
          url: r[3], code: "", meta: r[5], lang: r[6] || null, t: fold(r[1]), c: "", s: fold(r[2]), x: fold(r[4]) });
      });
    }

    function score(it, qterms) {
      var total = 0;
      for (var k = 0; k < qterms.length; k++) {
        var q = qterms[k];
        var s = 0;
        if (it.c && it.c.indexOf(q) === 0) { s += 8; }
        var i = it.t.indexOf(q);
        if (i === 0 || (i > 0 && /[\s\-–:'(]/.test(it.t.charAt(i - 1)))) { s += 5; } else if (i > 0) { s += 3; }
        if (it.s.indexOf(q) >= 0) { s += 2; }
        if (it.x.indexOf(q) >= 0) { s += 1; }
        if (!s) { return 0; }
        total += s;
      }
      return total;
    }

    function result(it) {
      var li = el("li", { "class": "result" });
      var kicker = el("p", { "class": "kicker" }, kindLabel(it.kind));
      if (it.code) {
        kicker.appendChild(el("span", { "class": "sep", "aria-hidden": "true" }, " · "));
        kicker.appendChild(el("bdi", { "class": "code" }, it.code));
      }
      li.appendChild(kicker);
      var h = el("h2", { "class": "result-title" });
      var a = el("a", { href: it.url, hreflang: it.lang });
      a.appendChild(el("span", { lang: it.lang, dir: it.lang ? "auto" : null }, it.title));
      h.appendChild(a);
      li.appendChild(h);
      if (it.meta) { li.appendChild(el("p", { "class": "meta" }, it.meta)); }
      if (it.summary) { li.appendChild(el("p", { "class": "summary", lang: it.lang, dir: it.lang ? "auto" : null }, it.summary)); }
      return li;
    }

    function run() {
      var q = input.value.trim();
      try { history.replaceState(history.state, "", location.pathname + (q ? "?q=" + encodeURIComponent(q) : "")); } catch (e) { /* file: URLs */ }
      var qterms = terms(q);
      while (results.firstChild) { results.removeChild(results.firstChild); }
      if (!qterms.length) {
        results.hidden = true;
        count.textContent = form.getAttribute("data-prompt") || "";
        return;
      }
      var found = [];
      items.forEach(function (it, i) {
        var s = score(it, qterms);
        if (s) { found.push([s, i, it]); }
      });
      found.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
      found.forEach(function (f) { results.appendChild(result(f[2])); });
      results.hidden = !found.length;
      count.textContent = found.length ? countText(form, "count", found.length) : form.getAttribute("data-none");
    }

    function go() {
      if (items) { run(); return; }
      Promise.all([load(form.getAttribute("data-courses")), load(form.getAttribute("data-items"))]).then(function (parts) {
        build(parts);
        run();
      }, function () {
        count.textContent = form.getAttribute("data-error") || "";
        // The no-script text (hidden under `html.js` by the stylesheet) shows again.
        if (fallback) { fallback.setAttribute("data-failed", ""); }
      });
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); go(); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(go, 250); });
    var m = /(?:^\?|&)q=([^&]*)/.exec(location.search);
    if (m) {
      try { input.value = decodeURIComponent(m[1].replace(/\+/g, " ")); } catch (e) { input.value = ""; }
    }
    if (input.value.trim()) { go(); } else { count.textContent = form.getAttribute("data-prompt") || ""; }
  }

  function init() {
    var f = document.querySelector("form[data-filters]");
    if (f) { catalogue(f); }
    var s = document.querySelector("form[data-search]");
    if (s) { search(s); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
}());
