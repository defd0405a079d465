#!/bin/sh
# Runs the demo IVC case (figure 450 of the bundled RRFP sample: a port forklift and reach
# stacker operator with informal work experience abroad and a short course in Italy) through
# `attesta case`, step by step as data/demo/steps.tsv lists them, then writes the Documento di
# trasparenza and the Documento di validazione (JSON + HTML).
#
# The case is signed with the DEMO ONLY key of data/demo/keys/ (see its README): every event and
# the signed head beside the log (CASE.head), which `case verify` checks against the demo's
# public key. Set ATTESTA_SIGNING_KEY / ATTESTA_TRUSTED_KEY to other files to use other keys.
#
# Usage: data/demo/run-case.sh [OUT_DIR]   (default: target/demo-case)
# ATTESTA selects the program (default: cargo run -q -p attesta --features cli --).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-target/demo-case}
attesta=${ATTESTA:-"cargo run -q -p attesta --features cli --"}
mkdir -p "$out"
case_file="$out/case-2025-0147.jsonl"
rm -f "$case_file" "$case_file.head"
: "${ATTESTA_SIGNING_KEY:=$here/keys/demo-ente.pem}"
: "${ATTESTA_TRUSTED_KEY:=$here/keys/demo-ente.pub.pem}"
export ATTESTA_SIGNING_KEY ATTESTA_TRUSTED_KEY
first=1
grep -v '^#' "$here/steps.tsv" | while IFS="$(printf '\t')" read -r file actor at; do
    [ -n "$file" ] || continue
    if [ "$first" = 1 ]; then
        $attesta case new "$case_file" "$here/$file" --actor "$actor" --at "$at"
        first=0
    else
        $attesta case act "$case_file" "$here/$file" --actor "$actor" --at "$at"
    fi
done
$attesta case verify "$case_file"
$attesta case show "$case_file"
$attesta case issue "$case_file" --out "$out/documents"
