#!/usr/bin/env bash
# The `make test` stage "browser: the offline form in headless Chromium":
#   1. Chromium from Debian (scripts/browser-setup.sh: installs it when missing);
#   2. the npm tools of wasm/ (playwright-core is pinned there; npm ci when the lock changed)
#      and the form in target/web (scripts/web-build.sh; the package as the wasm stage built
#      it when it is there, else built now);
#   3. wasm/test/browser/*.mjs under node:test, against a local server on a free port.
# The screenshot the test takes is target/web/form.png.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/browser-setup.sh

lock_hash=$(sha256sum wasm/package-lock.json | cut -d' ' -f1)
stamp=wasm/node_modules/.attesta-lock-sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
    echo "browser-test: npm ci in wasm/"
    (cd wasm && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_hash" > "$stamp"
fi

WEB_SKIP_PACKAGE=${WEB_SKIP_PACKAGE-1} scripts/web-build.sh
# Without ../shared/data the form (and this test) run on the built-in frameworks only; CI has
# the data, so there a missing ESCO bundle is a failure.
if [ ! -f target/web/data/esco.attb ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "browser-test: CI=true but the ESCO bundle was not built (../shared/data missing?)" >&2
        exit 1
    fi
    echo "browser-test: SKIPPED the full-ESCO part: no ESCO bundle (../shared/data missing)"
fi

echo "browser-test: node --test wasm/test/browser/*.mjs (headless $(${CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null | head -n 1))"
ATTESTA_BROWSER_TEST=1 node --test --test-reporter=spec wasm/test/browser/*.mjs
echo "browser-test: screenshot in target/web/form.png"
