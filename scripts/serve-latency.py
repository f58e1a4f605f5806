#!/usr/bin/env python3
"""Edit-to-visible latency of `prospectus serve` (loopback only).

Adapted from ../shared/bench/incr_latency.py (how Hugo's and Zola's figures in
../shared/bench/RESULTS.md were taken), for Prospectus:

1. start `prospectus serve --root SITE --port PORT` on 127.0.0.1 and wait until the
   home page answers;
2. EDITS times: change the English file of one course (`content/courses/<slug>.md`) —
   `--edit body` appends a paragraph with a unique marker, `--edit title` puts the
   marker in the front matter's title — and poll the course's page every POLL seconds
   until the marker is served ("edit -> visible");
3. wait until the server's log shows that rebuild finished (the `--verbose` line
   "(body only: N ms; …)": lists, feeds and calendars included), then GAP seconds, so edits
   never overlap;
4. print each edit's latency and the medians, stop the server it started (by its PID)
   and restore the file.

    python3 ../shared/bench/gen_catalogue.py --n 5000 --out /tmp/cat5000 --engine prospectus
    cargo build --release
    python3 scripts/serve-latency.py --site /tmp/cat5000 --edit body
    python3 scripts/serve-latency.py --site /tmp/cat5000 --edit title
    python3 scripts/serve-latency.py --site /tmp/example --slug introduction-labour-standards

The latency includes the watcher's debounce (10 ms after the written file is closed, 30 ms
of quiet otherwise) and the polling interval.
"""

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request


def get(url, timeout=5):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except Exception as e:  # connection refused, error page (500) during a broken edit, ...
        return None, str(e)


# The developer's line `serve --verbose` prints after each build, the first included, once its
# last file is published: "  (full: 1710 ms; …)", "  (body only: 35 ms; …)". (The author's lines
# above it say when the saved page was served, not when the rest was.)
DONE_RE = re.compile(r"(?m)^\s*\((?:full|content|body only): (\d+) ms;")


def rebuilds(logpath):
    """Rebuild durations (s) the server printed so far (the first build included)."""
    with open(logpath, encoding="utf-8", errors="replace") as f:
        return [int(m.group(1)) / 1000.0 for m in DONE_RE.finditer(f.read())]


def main():
    # a background job of a non-interactive shell starts with SIGINT ignored
    signal.signal(signal.SIGINT, signal.default_int_handler)
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--bin", default=os.path.join(here, "..", "target", "release", "prospectus"))
    ap.add_argument("--port", type=int, default=1212)
    ap.add_argument("--slug", default="a9000042")
    ap.add_argument("--edit", choices=["body", "title"], default="body")
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--poll", type=float, default=0.01)
    ap.add_argument("--gap", type=float, default=2.0,
                    help="seconds to wait after a rebuild finished before the next edit")
    ap.add_argument("--startup-timeout", type=float, default=900)
    ap.add_argument("--log", default=None, help="server output (default /tmp/serve_latency_<pid>.log)")
    a = ap.parse_args()

    base = "http://127.0.0.1:%d/" % a.port
    cmd = [a.bin, "serve", "--root", a.site, "--port", str(a.port), "--verbose"]
    page_url = base + "en/courses/%s/" % a.slug
    path = os.path.join(a.site, "content", "courses", "%s.md" % a.slug)
    with open(path, encoding="utf-8") as f:
        original = f.read()

    logpath = a.log or "/tmp/serve_latency_%d.log" % os.getpid()
    log = open(logpath, "w")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lat = []
    rb = []
    try:
        while True:
            st, _ = get(base, timeout=2)
            if st == 200:
                break
            if proc.poll() is not None:
                sys.exit("server exited early, rc=%s" % proc.returncode)
            if time.perf_counter() - t0 > a.startup_timeout:
                sys.exit("server did not come up")
            time.sleep(0.05)
        startup = time.perf_counter() - t0
        st, _ = get(page_url)
        assert st == 200, (st, page_url)
        print("startup (spawn -> home page served): %.2f s" % startup, flush=True)
        time.sleep(a.gap)
        n0 = len(rebuilds(logpath))
        for k in range(a.edits):
            marker = "LATENCY-MARKER-%d-%d" % (os.getpid(), k)
            if a.edit == "body":
                text = original.rstrip("\n") + "\n\nEdited paragraph %s.\n" % marker
            else:
                text = re.sub(r'(?m)^title = "', 'title = "%s ' % marker, original, count=1)
            t1 = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            while True:
                st, body = get(page_url, timeout=30)
                if st == 200 and marker in body:
                    break
                if time.perf_counter() - t1 > 300:
                    sys.exit("edit %d not visible after 300 s" % k)
                time.sleep(a.poll)
            dt = time.perf_counter() - t1
            lat.append(dt)
            while len(rebuilds(logpath)) < n0 + k + 1:
                if time.perf_counter() - t1 > 600:
                    sys.exit("rebuild %d never reported finished" % k)
                time.sleep(0.05)
            r = rebuilds(logpath)[n0 + k]
            rb.append(r)
            print("  edit %d visible after %.3f s; complete rebuild %.3f s" % (k + 1, dt, r), flush=True)
            time.sleep(a.gap)
        print("%s edits: edit->visible min %.3f median %.3f max %.3f s; "
              "complete rebuild median %.3f s"
              % (a.edit, min(lat), statistics.median(lat), max(lat), statistics.median(rb)))
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main()
