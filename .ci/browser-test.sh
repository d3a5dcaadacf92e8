#!/usr/bin/env bash
# Browser test of the web UI: builds marsad, ingests the demo corpus (plus the serve
# fixtures) into a fresh store, serves it on a free loopback port, drives headless
# Chromium through every page (crates/serve/tests/browser/ui.test.mjs) and saves
# screenshots into target/browser-artifacts/. Stops the server whatever happens.
#
#   bash .ci/browser-test.sh            # debug build
#   PROFILE=release bash .ci/browser-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PROFILE=${PROFILE:-debug}
ART="$ROOT/target/browser-artifacts"
DATA="$ROOT/target/browser-data"
BROWSER_DIR="$ROOT/crates/serve/tests/browser"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

log() { echo "browser-test: $*"; }

# 1. Chromium (Debian package) and an Arabic font for legible screenshots.
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if [ ! -x "$CHROMIUM" ]; then
  log "installing chromium"
  apt_install chromium
fi
if ! fc-list 2>/dev/null | grep -qi "Noto Naskh Arabic"; then
  log "installing fonts-noto-core"
  apt_install fonts-noto-core || log "warning: no Noto fonts; screenshots use fallback fonts"
fi

# 2. playwright-core, pinned by package-lock.json.
if [ ! -d "$BROWSER_DIR/node_modules/playwright-core" ]; then
  log "installing playwright-core"
  (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi

# 3. The binary.
if [ "$PROFILE" = release ]; then
  cargo build --release --locked -p marsad
else
  cargo build --locked -p marsad
fi
MARSAD="${CARGO_TARGET_DIR:-$ROOT/target}/$PROFILE/marsad"

# 4. A fresh store with the demo corpus and the serve fixtures (which hold an article
#    whose text contains markup, for the escaping check).
rm -rf "$DATA" "$ART"
mkdir -p "$DATA" "$ART"
inputs=()
if [ -f demo/articles.jsonl ]; then
  inputs+=(demo/articles.jsonl)
else
  log "no demo/articles.jsonl; using the serve fixtures only"
fi
inputs+=(crates/serve/tests/fixtures/articles.jsonl)
for f in "${inputs[@]}"; do
  "$MARSAD" ingest --data "$DATA" "$f" >"$ART/ingest.log" 2>&1 || {
    cat "$ART/ingest.log"
    exit 1
  }
done

# 5. Serve on a free port (--port 0; the address is printed on the first line).
SERVER_LOG="$ART/server.log"
"$MARSAD" serve --data "$DATA" --host 127.0.0.1 --port 0 >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
stop_server() {
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap stop_server EXIT
BASE_URL=
for _ in $(seq 1 300); do
  BASE_URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$SERVER_LOG" | head -n1 || true)
  [ -n "$BASE_URL" ] && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    cat "$SERVER_LOG"
    log "server exited"
    exit 1
  fi
  sleep 0.2
done
if [ -z "$BASE_URL" ]; then
  cat "$SERVER_LOG"
  log "server did not start"
  exit 1
fi
log "server at $BASE_URL"

# 6. The browser test.
BASE_URL="$BASE_URL" OUT_DIR="$ART" CHROMIUM="$CHROMIUM" timeout 300 node "$BROWSER_DIR/ui.test.mjs"
