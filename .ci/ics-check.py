"""Reads every .ics file of a built site with Python's icalendar package (and the calendar's name
with vobject too), as an outside check of
the calendars beside the Rust tests' parser (see docs/ci.md):

    python3 .ci/ics-check.py <public dir> <now, e.g. 2025-08-20T10:00:00Z>

Exits 1 when a file does not parse or an event lacks what a calendar program needs, and checks
what keeps subscribers up to date (issue 15): every calendar says where to fetch it again and how
often (URL, SOURCE, REFRESH-INTERVAL;VALUE=DURATION, X-PUBLISHED-TTL); X-WR-CALNAME and
X-WR-CALDESC written as NAME and DESCRIPTION are, TEXT-escaped (RFC 5545 §3.8.8.2: an X-
property is TEXT) and shown by this parser as written (it reads an X- property as written, a
comma as `\,`, unless the line says VALUE=TEXT); METHOD only when every event has an ORGANIZER (RFC 5546, libical's iTIP check);
every event has SEQUENCE and LAST-MODIFIED (not after the build); a deadline is an instant
(zero duration) with a reminder one day before, and the deadline of a course that takes no
applications (cancelled, postponed or full: not CONFIRMED) has no reminder and links nowhere but
its course page. A weekly event (issue 16) is the only one
with local times: its TZID has a VTIMEZONE, and `recurring_ical_events` expands its RRULE to
meetings that all start at the wall-clock time of DTSTART in its zone, summer and winter alike,
with none on an EXDATE.
"""

import datetime
import pathlib
import re
import sys

import icalendar
from icstext import raw_value, unescape_text
import recurring_ical_events
import vobject


UNESCAPED = re.compile(r"(?<!\\)(?:\\\\)*[,;]")
URL = re.compile(r"https?://[^\s]+")


def calendar_problems(cal, text):
    """What a subscriber's program needs of the calendar itself."""
    out = []
    for prop in ("URL", "SOURCE", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "X-WR-CALNAME"):
        if cal.get(prop) is None:
            out.append(f"no {prop}")
    refresh = cal.get("REFRESH-INTERVAL")
    if refresh is not None:
        if refresh.params.get("VALUE") != "DURATION":
            out.append("REFRESH-INTERVAL without VALUE=DURATION")
        ttl = icalendar.vDuration.from_ical(str(cal.get("X-PUBLISHED-TTL")))
        if ttl != cal.decoded("REFRESH-INTERVAL") or ttl <= datetime.timedelta(0):
            out.append("X-PUBLISHED-TTL is not REFRESH-INTERVAL")
    for x, rfc in (("X-WR-CALNAME", "NAME"), ("X-WR-CALDESC", "DESCRIPTION")):
        value = cal.get(x)
        if value is not None and str(value) != str(cal.get(rfc)):
            out.append(f"{x} is not written as {rfc}: {str(value)!r}")
        raw = raw_value(text, x)
        if raw is not None and UNESCAPED.search(raw):
            out.append(f"{x} has a comma or semicolon without its TEXT escape: {raw!r}")
        if raw is not None and value is not None and str(value) != unescape_text(raw):
            out.append(f"{x} is shown as {str(value)!r}, not as written: {unescape_text(raw)!r}")
        if raw is not None:
            other = vobject.readOne(text).contents.get(x.lower(), [None])[0]
            if other is None or other.value != unescape_text(raw):
                out.append(f"{x} is shown by vobject as {other and other.value!r}, not as written")
    if cal.get("METHOD") is not None:
        if any(ev.get("ORGANIZER") is None for ev in cal.walk("VEVENT")):
            out.append("METHOD without an ORGANIZER in every event (RFC 5546)")
    return out


def event_problems(ev, stamp):
    """SEQUENCE, LAST-MODIFIED, and what a deadline event must be."""
    out = []
    for prop in ("SEQUENCE", "LAST-MODIFIED"):
        if ev.get(prop) is None:
            out.append(f"no {prop}")
    if ev.get("LAST-MODIFIED") is not None and ev.decoded("LAST-MODIFIED") > stamp:
        out.append("LAST-MODIFIED after the build's time")
    alarms = ev.walk("VALARM")
    if "-deadline-" not in str(ev.get("UID")):
        return out
    if ev.get("DTEND") is not None or ev.get("DURATION") is None:
        out.append("a deadline without DURATION (khal shows an hour)")
    elif ev.decoded("DURATION") != datetime.timedelta(0):
        out.append(f"a deadline lasting {ev.decoded('DURATION')}")
    if str(ev.get("STATUS")) == "CONFIRMED":
        triggers = [a.decoded("TRIGGER") for a in alarms if a.get("TRIGGER") is not None]
        if triggers != [datetime.timedelta(days=-1)]:
            out.append(f"a deadline's reminder is not one day before: {triggers}")
    else:
        if alarms:
            out.append("the deadline of a course taking no applications has a reminder")
        page = str(ev.get("URL"))
        links = [u for u in URL.findall(str(ev.get("DESCRIPTION", ""))) if u != page]
        if links:
            out.append(f"the deadline of a course taking no applications links to {links}")
    return out


def recurrence_problems(cal, ev):
    """A weekly event's meetings as another program expands them: each at DTSTART's local time
    in its zone, none on an EXDATE, the zone defined in the calendar."""
    out = []
    start = ev.decoded("DTSTART")
    tzid = ev["DTSTART"].params.get("TZID")
    zones = [str(z.get("TZID")) for z in cal.walk("VTIMEZONE")]
    if tzid is not None and tzid not in zones:
        out.append(f"TZID={tzid} without its VTIMEZONE")
    if isinstance(start, datetime.datetime) and tzid is None:
        out.append("a weekly event in UTC moves by an hour when the clocks change: DTSTART needs a TZID")
    skipped = set()
    exdates = ev.get("EXDATE")
    for ex in exdates if isinstance(exdates, list) else [exdates] if exdates is not None else []:
        skipped.update(d.dt.date() if isinstance(d.dt, datetime.datetime) else d.dt for d in ex.dts)
    single = icalendar.Calendar()
    for z in cal.walk("VTIMEZONE"):
        single.add_component(z)
    single.add_component(ev)
    meetings = recurring_ical_events.of(single).between(datetime.date(1900, 1, 1), datetime.date(3000, 1, 1))
    if not meetings:
        out.append("a weekly event without meetings")
    for m in meetings:
        at = m.decoded("DTSTART")
        day = at.date() if isinstance(at, datetime.datetime) else at
        if day in skipped:
            out.append(f"a meeting on {day}, a day in EXDATE")
        if isinstance(start, datetime.datetime) and (at.hour, at.minute) != (start.hour, start.minute):
            out.append(f"the meeting of {day} is at {at.time()}, not at {start.time()} local time")
    return out


def main(root: str, now: str) -> int:
    stamp = datetime.datetime.fromisoformat(now.replace("Z", "+00:00"))
    problems = []
    files = sorted(pathlib.Path(root).rglob("*.ics"))
    events = 0
    for path in files:
        name = path.relative_to(root)
        try:
            text = path.read_text(encoding="utf-8")
            cal = icalendar.Calendar.from_ical(text)
        except Exception as e:  # the parser's own words
            problems.append(f"{name}: does not parse: {type(e).__name__}: {e}")
            continue
        for comp in cal.walk():
            for err in getattr(comp, "errors", []) or []:
                problems.append(f"{name}: {comp.name}: {err}")
        if cal.name != "VCALENDAR":
            problems.append(f"{name}: the root is {cal.name}")
        if str(cal.get("VERSION")) != "2.0":
            problems.append(f"{name}: VERSION is not 2.0")
        if not cal.get("PRODID"):
            problems.append(f"{name}: no PRODID")
        problems.extend(f"{name}: {p}" for p in calendar_problems(cal, text))
        vevents = cal.walk("VEVENT")
        if not vevents:
            problems.append(f"{name}: no VEVENT")
        for ev in vevents:
            events += 1
            uid = ev.get("UID")
            problems.extend(f"{name}: {uid}: {p}" for p in event_problems(ev, stamp))
            for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL", "STATUS"):
                if ev.get(prop) is None:
                    problems.append(f"{name}: {uid}: no {prop}")
            if ev.get("DTSTAMP") is not None and ev.decoded("DTSTAMP") != stamp:
                problems.append(f"{name}: {uid}: DTSTAMP is not the build's time {now}")
            start = ev.decoded("DTSTART") if ev.get("DTSTART") is not None else None
            end = ev.decoded("DTEND") if ev.get("DTEND") is not None else None
            if start is not None and end is not None and type(start) is type(end) and end <= start:
                problems.append(f"{name}: {uid}: DTEND not after DTSTART")
            if ev.get("RRULE") is not None:
                problems.extend(f"{name}: {uid}: {p}" for p in recurrence_problems(cal, ev))
            elif isinstance(start, datetime.datetime) and start.utcoffset() != datetime.timedelta(0):
                problems.append(f"{name}: {uid}: a timed DTSTART not in UTC")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"ics (icalendar {icalendar.__version__}, vobject {vobject.VERSION}): {len(files)} files, {events} events, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
