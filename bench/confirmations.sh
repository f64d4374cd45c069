#!/usr/bin/env bash
# Online booking confirmations under load: the load tool (bench/DynamicClinic.LoadTest) finds free mesotherapy slots
# over the next 60 days, prepares a review page per slot with its own cookies (not timed), then fires the confirm
# POSTs with WORKERS concurrent workers and reports confirmations per second; it then checks in the SQLite file that
# the appointments, time blocks and outbox messages added match the confirmations that succeeded.
# Settings: WORKERS (default 16), MAX_CONFIRMATIONS (default 2000; the two clinicians have about 1,300 free
# non-overlapping half hours in 60 days), CONFIRM_SECONDS (default 60, upper bound of the timed phase).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
WORKERS="${WORKERS:-16}"
MAX_CONFIRMATIONS="${MAX_CONFIRMATIONS:-2000}"
CONFIRM_SECONDS="${CONFIRM_SECONDS:-60}"

machine_note
dotnet build "$BENCH_ROOT/bench/DynamicClinic.LoadTest" -c Release -v quiet -nologo >/dev/null
start_booking_site

cpu_before=$(site_cpu_ms)
dotnet "$BENCH_ROOT/bench/DynamicClinic.LoadTest/bin/Release/net10.0/DynamicClinic.LoadTest.dll" \
  --url "$SITE_URL" --treatment mesotherapy --days 60 --max "$MAX_CONFIRMATIONS" \
  --workers "$WORKERS" --duration "$CONFIRM_SECONDS" --db "$SITE_DB" --site-pid "$SITE_PID"
echo "Site CPU for the whole run (slots, review pages and confirmations): $(( $(site_cpu_ms) - cpu_before )) ms"
echo "Target: >= 100 confirmations/s"
