#!/usr/bin/env bash
# `make demo`: the main job on built-in data, with the release CLI.
#   1. validate the two example records (one valid, one with findings on purpose);
#   2. run a complete IVC case (figure 450 of the bundled RRFP sample) and write the Documento
#      di trasparenza and the Documento di validazione (JSON + HTML);
#   3. search the bundled repertoire and show the gap between a record and its target figure.
# Exit code 1 from `validate` or `gap` is an expected outcome here; the demo fails only on
# exit code 2 (something could not be evaluated) or a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${ATTESTA_BIN:-target/release/attesta}
out=${ATTESTA_DEMO_OUT:-target/demo}

# Runs the CLI, echoing the command; tolerates exit 1, fails on 2 or more.
run() {
    printf '\n$ attesta %s\n' "$*"
    local status=0
    "$bin" "$@" || status=$?
    if [ "$status" -ge 2 ]; then
        echo "demo: 'attesta $*' failed (exit $status)" >&2
        exit "$status"
    fi
}

section() { printf '\n==== %s ====\n' "$1"; }

section "1. Validating competence records"
run validate data/examples/record-valid.json
run validate data/examples/record-with-findings.json

section "2. A complete IVC case (identificazione -> valutazione -> attestazione)"
rm -rf "$out"
ATTESTA="$bin" sh data/demo/run-case.sh "$out/case" > "$out.case.log" 2>&1 || {
    cat "$out.case.log" >&2
    echo "demo: the IVC case failed" >&2
    exit 2
}
# The case log has one line per appended event (seq, phase, hash); show how many there were,
# then the case summary and the documents.
printf '%s events appended, each hash-chained to the previous one and signed with the DEMO ONLY key of data/demo/keys\n' \
    "$(grep -cE '^[^ ]+ seq [0-9]+ ' "$out.case.log")"
grep -vE '^[^ ]+ seq [0-9]+ ' "$out.case.log"
printf '\nDocuments written:\n'
find "$out/case/documents" -type f | sort | sed 's/^/  /'
printf '\nCheck the signed log yourself (fails on any rewritten, cut or extended history):\n'
printf '  ATTESTA_TRUSTED_KEY=data/demo/keys/demo-ente.pub.pem attesta case verify %s\n' \
    "$out/case/case-2025-0147.jsonl"

section "3. Finding framework nodes and measuring the gap to a qualification"
run search carrellista --limit 3
run search "assistenza anziani" --limit 3
run gap data/examples/record-valid.json --target rrfp_toscana.qualification:450

echo
echo "demo: done (findings and gaps above are the expected outcome, not failures)"
