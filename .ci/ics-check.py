"""Reads every .ics file of a built site with Python's icalendar package, as an outside check of
the calendars beside the Rust tests' parser (see docs/ci.md):

    python3 .ci/ics-check.py <public dir> <now, e.g. 2025-08-20T10:00:00Z>

Exits 1 when a file does not parse or an event lacks what a calendar program needs.
"""

import datetime
import pathlib
import sys

import icalendar


def main(root: str, now: str) -> int:
    stamp = datetime.datetime.fromisoformat(now.replace("Z", "+00:00"))
    problems = []
    files = sorted(pathlib.Path(root).rglob("*.ics"))
    events = 0
    for path in files:
        name = path.relative_to(root)
        try:
            cal = icalendar.Calendar.from_ical(path.read_bytes())
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
        vevents = cal.walk("VEVENT")
        if not vevents:
            problems.append(f"{name}: no VEVENT")
        for ev in vevents:
            events += 1
            uid = ev.get("UID")
            for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL", "STATUS"):
                if ev.get(prop) is None:
                    problems.append(f"{name}: {uid}: no {prop}")
            if ev.get("DTSTAMP") is not None and ev.decoded("DTSTAMP") != stamp:
                problems.append(f"{name}: {uid}: DTSTAMP is not the build's time {now}")
            start = ev.decoded("DTSTART") if ev.get("DTSTART") is not None else None
            end = ev.decoded("DTEND") if ev.get("DTEND") is not None else None
            if start is not None and end is not None and type(start) is type(end) and end <= start:
                problems.append(f"{name}: {uid}: DTEND not after DTSTART")
            if isinstance(start, datetime.datetime) and start.utcoffset() != datetime.timedelta(0):
                problems.append(f"{name}: {uid}: a timed DTSTART not in UTC")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"ics (icalendar {icalendar.__version__}): {len(files)} files, {events} events, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
