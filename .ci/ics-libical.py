"""Reads every .ics file of a built site with libical (the C library of Evolution and KDE's
predecessors, through its GObject bindings), as an outside check beside .ci/ics-check.py
(Python's icalendar and vobject) and tests/browser/ics.mjs (ical.js); see docs/ci.md:

    /usr/bin/python3 .ci/ics-libical.py <public dir>

Debian's python3-gi and gir1.2-ical-3.0 are what it needs (.ci/run installs them). Exits 1 when
libical finds an error in a file (it marks them with X-LIC-ERROR properties), when a calendar
fails libical's iTIP restriction check (RFC 5546: METHOD:PUBLISH needs an ORGANIZER in every
event, issue 15), or when it shows the calendar's name otherwise than as written.
"""

import pathlib
import sys

import gi
from icstext import raw_value, unescape_text

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402  (after require_version, as GObject asks)


def errors(comp):
    """libical's X-LIC-ERROR properties in `comp` and its subcomponents."""
    out = []
    prop = comp.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        out.append(prop.get_xlicerror())
        prop = comp.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    sub = comp.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while sub is not None:
        out.extend(errors(sub))
        sub = comp.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    return out


def shown(comp, prop):
    """The value of the calendar's first `prop` property as libical gives it to a program."""
    p = comp.get_first_property(ICalGLib.PropertyKind.ANY_PROPERTY)
    while p is not None:
        if p.get_property_name() == prop:
            return p.get_value_as_string()
        p = comp.get_next_property(ICalGLib.PropertyKind.ANY_PROPERTY)
    return None


def main(root):
    problems = []
    files = sorted(pathlib.Path(root).rglob("*.ics"))
    for path in files:
        name = path.relative_to(root)
        text = path.read_text(encoding="utf-8")
        cal = ICalGLib.Component.new_from_string(text)
        if cal is None:
            problems.append(f"{name}: does not parse")
            continue
        # restriction_check adds an X-LIC-ERROR for each failed iTIP rule, read just below.
        if not ICalGLib.restriction_check(cal):
            problems.append(f"{name}: fails the iTIP restrictions of its METHOD (RFC 5546)")
        problems.extend(f"{name}: {e}" for e in errors(cal))
        for prop in ("X-WR-CALNAME", "X-WR-CALDESC"):
            raw = raw_value(text, prop)
            value = shown(cal, prop)
            if raw is not None and value != unescape_text(raw):
                problems.append(f"{name}: {prop} is shown as {value!r}, not as written")
    for p in problems:
        print(p, file=sys.stderr)
    version = ICalGLib._version
    print(f"ics (libical, ICalGLib {version}): {len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
