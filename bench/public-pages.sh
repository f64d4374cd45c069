#!/usr/bin/env bash
# Public pages against a static file, in one run: the treatment page (output-cached) should serve at
# least half the requests per second of the static file.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_wrk
machine_note
start_site

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION against a Release build at $SITE_URL ($(nproc) cores)"
run_wrk "/treatments/mesotherapy" "$SITE_URL/treatments/mesotherapy"
run_wrk "/" "$SITE_URL/"
run_wrk "/robots.txt" "$SITE_URL/robots.txt"

ratio=$(python3 -c "print(f'{${RPS__treatments_mesotherapy} / ${RPS__robots_txt}:.2f}')")
echo "Treatment page / static file: $ratio (target >= 0.50)"
