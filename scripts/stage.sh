#!/usr/bin/env bash
# Runs one stage of `make test` under a banner and reports how long it took, so a CI log shows
# at a glance which stage failed and where the time goes.
# Usage: scripts/stage.sh NAME COMMAND [ARGS...]
set -euo pipefail
name=$1
shift
printf '\n==== %s ====\n' "$name"
start=$(date +%s)
status=0
"$@" || status=$?
elapsed=$(( $(date +%s) - start ))
if [ "$status" -eq 0 ]; then
    printf '==== %s: passed in %ss ====\n' "$name" "$elapsed"
    if [ -n "${ATTESTA_TIMINGS:-}" ]; then
        printf '%-28s %5ss\n' "$name" "$elapsed" >> "$ATTESTA_TIMINGS"
    fi
else
    printf '==== %s: FAILED (exit %s) after %ss ====\n' "$name" "$status" "$elapsed"
fi
exit "$status"
