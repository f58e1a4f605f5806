#!/bin/sh
# Check, build and publish a Prospectus site from any CI, or from cron on a build server.
#
#   sh publish.sh              # check, build and publish; keep the output for the next run
#   sh publish.sh --scheduled  # the same, only if a state on the site is due to change
#
# Run it in the site's folder (the one with site.toml). Settings, from the environment:
#   PROSPECTUS_GIT, PROSPECTUS_REV  where Prospectus is installed from, and which version: a tag
#                                   (v0.1.0) or a full commit id. Required.
#   STATE_DIR       kept from one run to the next (your CI's cache): the installed program and
#                   the last published output. Default: .prospectus-ci
#   PUBLISH_COMMAND run after a successful build, with the output folder as $1, e.g.
#                   'rsync -a --delete "$1"/ deploy@web.example.org:/srv/site/'
#   PREVIEW_BASE_URL  set it for a pull or merge request: the site is built for this address,
#                   published with PREVIEW_COMMAND (if set, output folder as $1) instead, and
#                   nothing is kept for the next run.
#   CHECK_FORMAT    how `prospectus check` reports: human (default), github, gitlab or json.
# Exit code: 0 published (or nothing due), 1 the content has errors (nothing published),
# 2 something else went wrong. See docs/ci.md.
set -eu

: "${PROSPECTUS_GIT:?set PROSPECTUS_GIT to the Git address Prospectus is installed from}"
: "${PROSPECTUS_REV:?set PROSPECTUS_REV to the tag or commit of Prospectus to use}"
STATE_DIR=${STATE_DIR:-.prospectus-ci}
CHECK_FORMAT=${CHECK_FORMAT:-human}
PREVIEW_BASE_URL=${PREVIEW_BASE_URL:-}
scheduled=false
[ "${1:-}" = --scheduled ] && scheduled=true

fail() {
  echo "publish.sh: $*" >&2
  exit 2
}

# 1. Prospectus, installed once per version.
bin="$STATE_DIR/bin/prospectus"
if [ ! -x "$bin" ] || [ "$(cat "$STATE_DIR/version" 2>/dev/null)" != "$PROSPECTUS_REV" ]; then
  if printf '%s' "$PROSPECTUS_REV" | grep -Eq '^[0-9a-f]{40}$'; then ref=--rev; else ref=--tag; fi
  cargo install --locked --force --root "$STATE_DIR" --git "$PROSPECTUS_GIT" "$ref" "$PROSPECTUS_REV" prospectus ||
    fail "cannot install Prospectus $PROSPECTUS_REV from $PROSPECTUS_GIT"
  printf '%s\n' "$PROSPECTUS_REV" >"$STATE_DIR/version"
fi
"$bin" --version

# 2. The last published output, where the build looks for it: the state of the calendars and
#    feeds (public/.prospectus/), the pages that existed (sitemap.xml) and the next state change.
rm -rf public
if [ -d "$STATE_DIR/published" ]; then
  cp -R "$STATE_DIR/published" public
fi

# 3. On a schedule, build only when a state is due to change. Both instants are UTC in the
#    same format, so the earlier one sorts first.
if $scheduled && [ -f public/.prospectus/next-change ]; then
  next=$(cat public/.prospectus/next-change)
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  if [ -z "$next" ]; then
    echo "Nothing on the site changes by itself any more."
    exit 0
  fi
  if [ "$(printf '%s\n%s\n' "$next" "$now" | sort | head -n 1)" != "$next" ]; then
    echo "Nothing is due before $next."
    exit 0
  fi
fi

# 4. Check (an error stops here: nothing is published) and build.
"$bin" check --format "$CHECK_FORMAT"
if [ -n "$PREVIEW_BASE_URL" ]; then
  "$bin" build --base-url "$PREVIEW_BASE_URL"
else
  "$bin" build
fi
echo "Next state change: $(cat public/.prospectus/next-change)"

# 5. Publish, then keep what was published for the next run.
if [ -n "$PREVIEW_BASE_URL" ]; then
  if [ -n "${PREVIEW_COMMAND:-}" ]; then
    sh -c "$PREVIEW_COMMAND" publish-preview "$PWD/public" || fail "PREVIEW_COMMAND failed"
  fi
  exit 0
fi
if [ -n "${PUBLISH_COMMAND:-}" ]; then
  sh -c "$PUBLISH_COMMAND" publish "$PWD/public" || fail "PUBLISH_COMMAND failed"
fi
rm -rf "$STATE_DIR/published.new"
cp -R public "$STATE_DIR/published.new"
rm -rf "$STATE_DIR/published"
mv "$STATE_DIR/published.new" "$STATE_DIR/published"
