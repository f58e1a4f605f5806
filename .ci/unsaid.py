"""The outside validators' report on a fixture whose notes leave out, on purpose, what Google's
course info needs: `instance-schedule` (no `hours`) and `offer-category` (no `[fee]`) are
expected on the courses whose notes leave them out, as `check` says (its rich-results notes).
Any other problem fails, and so does one of those two on a course whose note states the fact.

usage: unsaid.py REPORT.json NOTES_DIR NAME
"""
import json, os, re, sys
report, notes, name = sys.argv[1], sys.argv[2], sys.argv[3]
def note(page):
    # en/courses/<slug>/index.html -> the note <slug>.md or <slug>/index.md
    m = re.fullmatch(r"[a-z]+/courses/([^/]+)/index\.html", page or "")
    for rel in (m and [f"{m[1]}.md", f"{m[1]}/index.md"]) or []:
        if os.path.isfile(os.path.join(notes, rel)):
            return open(os.path.join(notes, rel), encoding="utf-8").read().split("+++")[1]
    return None
unsaid = {"instance-schedule": r"(?m)^hours\s*=", "offer-category": r"(?m)^\[fee\]"}
bad = []
for p in json.load(open(report))["problems"]:
    if p["severity"] != "error":
        continue
    front = note(p.get("file"))
    if p["check"] == "jsonld" and p["rule"] in unsaid and front is not None \
            and not re.search(unsaid[p["rule"]], front):
        continue
    bad.append(f'{p["check"]} {p["rule"]} {p.get("file")}: {p["message"]}')
print(f"{name} fixture: " + ("\n".join(bad) if bad else "only the courses whose notes leave out hours or a fee"))
sys.exit(1 if bad else 0)
