"""What the calendar checks of .ci/ share: a calendar-level property as written in the file."""

import re


def raw_value(text, prop):
    """The value of the calendar's first `prop` line as written in the file (unfolded)."""
    for line in re.sub(r"\r?\n[ \t]", "", text).splitlines():
        name, _, rest = line.partition(":")
        if name.split(";")[0].upper() == prop:
            return rest
        if line == "BEGIN:VEVENT":
            return None
    return None


def unescape_text(raw):
    """RFC 5545 §3.3.11: what a TEXT value says."""
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m[1] in "nN" else m[1], raw)
