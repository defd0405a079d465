#!/usr/bin/env bash
# Makes sure the browser test has a browser: Chromium from Debian (Playwright's own browser
# download is not reachable from these machines; playwright-core drives the system Chromium).
# Skipped when /usr/bin/chromium (or $CHROMIUM) is present; otherwise apt-get update and
# apt-get install -y chromium (as root, or through sudo when it is there). Prints which.
set -euo pipefail
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
    echo "browser-setup: $chromium present ($("$chromium" --version 2>/dev/null | head -n 1))"
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "browser-setup: $chromium is missing and neither root nor sudo can install it" >&2; exit 1; }
    sudo=sudo
fi
echo "browser-setup: $chromium missing: apt-get update && apt-get install -y chromium"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q chromium
[ -x "$chromium" ] || { echo "browser-setup: the chromium package did not provide $chromium" >&2; exit 1; }
echo "browser-setup: installed $("$chromium" --version 2>/dev/null | head -n 1)"
