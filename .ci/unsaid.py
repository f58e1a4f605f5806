"""The outside validators' report on a fixture whose notes leave out, on purpose, what Google's
course info needs: `instance-schedule` (no `hours`) and `offer-category` (no `[fee]`) are
expected on the courses whose notes leave them out, as `check` says (its rich-results notes).
Any other problem fails, and so does one of those two on a course whose note states the fact.

usage: unsaid.py REPORT.json NOTES_DIR NAME
"""
import json, os, re, sys
report, notes, name = sys.argv[1], sys.argv[2], sys.argv[3]
def note(page):
    # <lang>/courses/<slug>/index.html -> the settings of every note of the course, in every
    # language (<slug>.md, <slug>.<lang>.md, <slug>/index.md, <slug>/index.<lang>.md): a course
    # may be written in one language only (not the site's first), and a fact stated in one of its
    # notes holds for all of them.
    m = re.fullmatch(r"[^/]+/courses/([^/]+)/index\.html", page or "")
    if not m:
        return None
    found = [os.path.join(notes, f) for f in sorted(os.listdir(notes))
             if re.fullmatch(re.escape(m[1]) + r"(\.[^./]+)?\.md", f)]
    folder = os.path.join(notes, m[1])
    if os.path.isdir(folder):
        found += [os.path.join(folder, f) for f in sorted(os.listdir(folder))
                  if re.fullmatch(r"index(\.[^./]+)?\.md", f)]
    fronts = [open(f, encoding="utf-8-sig").read().split("+++")[1] for f in found if os.path.isfile(f)]
    return "\n".join(fronts) if fronts else None
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
