#!/usr/bin/env bash
# GET /book/slots for the week starting next Monday (clinic time), mesotherapy, any clinician (two clinicians offer it),
# with wrk: requests per second and latency. The slots endpoint is not cached, so each request runs the catalogue
# queries, AvailabilityQuery.LoadAsync (four queries) and the availability rules.
# Settings: DURATION, CONNECTIONS, THREADS as in lib.sh; WARMUP (default 60s) before them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_wrk
machine_note
start_booking_site

# Next Monday to the Sunday after it, in the clinic's time zone.
monday=$(TZ=Asia/Karachi date -d 'next monday' +%F)
sunday=$(TZ=Asia/Karachi date -d "$monday + 6 days" +%F)
url="$SITE_URL/book/slots?treatment=mesotherapy&clinician=any&from=$monday&to=$sunday"

# The figures only mean something if the answer has slots in it.
slots=$(curl -fsS "$url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["slots"]))')
echo "GET /book/slots?treatment=mesotherapy&clinician=any&from=$monday&to=$sunday returns $slots slots"
[ "$slots" -gt 0 ] || { echo "No slots in the answer: check the seeded data." >&2; exit 1; }

# A longer warm-up than run_wrk's own 3 s (see warm_up in lib.sh).
warm_up "$url"
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION against a Release build at $SITE_URL ($(nproc) cores)"
run_wrk "/book/slots (1 week, any)" "$url"
key="/book/slots (1 week, any)"; key=${key//[^A-Za-z0-9]/_}
reqs_var="REQS_$key"; cpu_var="CPU_MS_$key"
python3 -c "print(f'Site CPU per request: {${!cpu_var} / ${!reqs_var}:.2f} ms ({${!reqs_var}} requests, {${!cpu_var}} ms CPU)')"
