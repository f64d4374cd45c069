#!/usr/bin/env bash
# The owner's reports over a year of data: the report page (GET /staff/reports, every chart and table) and its CSV
# (GET /staff/reports.csv) for the 365 days up to @last, with 100,000 issued invoices, their lines and payments and
# 110,000 appointments (reports-data.sql), signed in as the admin, against a Release build on 127.0.0.1. Each request is
# timed with curl, one at a time (the owner opens a report; nobody hammers it): median, 90th percentile and slowest of
# RUNS requests after WARM warm-up requests. Target: each under 300 ms.
# Settings: RUNS (default 20), WARM (default 5), QUIET_WAIT (see lib.sh). QUERY_TIMES=1 also logs EF Core's commands and
# prints each query of one CSV request with its time (EF's figure: until the first row, which for a GROUP BY is nearly
# all of it). KEEP_DB=path copies the benchmark database there, for sqlite3's .timer and EXPLAIN QUERY PLAN.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_sqlite3
RUNS="${RUNS:-20}"
WARM="${WARM:-5}"
machine_note
site_args=()
[ -n "${QUERY_TIMES:-}" ] && site_args+=("--Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command=Information")
start_booking_site "${site_args[@]}"

# The year up to the last day of the month before this one, clinic time: all of it in the past.
last=$(TZ=Asia/Karachi date -d "$(TZ=Asia/Karachi date +%Y-%m-01) -1 day" +%F)
first=$(date -d "$last -364 days" +%F)
sqlite3 -cmd ".timeout 10000" -cmd ".parameter set @last \"'$last'\"" "$SITE_DB" < "$BENCH_ROOT/bench/reports-data.sql"

# Sign in as the admin through the form, as calendar.sh does for reception.
jar="$SITE_DIR/cookies.txt"
token=$(curl -fsS -c "$jar" -b "$jar" "$SITE_URL/staff/sign-in" \
  | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1)
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "Email=admin@dynamicclinic.test" --data-urlencode "Password=Clinic-Demo-2026!" \
  --data-urlencode "__RequestVerificationToken=$token" "$SITE_URL/staff/sign-in")
[ "$status" = "302" ] || { echo "Sign-in failed (HTTP $status)." >&2; exit 1; }

page_url="$SITE_URL/staff/reports?from=$first&to=$last"
csv_url="$SITE_URL/staff/reports.csv?from=$first&to=$last"

# The figures only mean something if the reports hold the year: 100,000 invoices' worth of revenue by clinician.
invoiced=$(curl -fsS -b "$jar" "$csv_url" | awk -F, '$1 == "Revenue by clinician" {sum += $3} END {print sum + 0}')
echo "Year $first to $last: revenue by clinician adds up to Rs $invoiced"
[ "$invoiced" -gt 500000000 ] || { echo "The reports do not show the benchmark data." >&2; exit 1; }
echo "Response sizes: page $(curl -fsS -b "$jar" "$page_url" | wc -c) bytes, CSV $(curl -fsS -b "$jar" "$csv_url" | wc -c) bytes"

# time_requests NAME URL: WARM unmeasured requests, then RUNS measured ones; prints median, p90 and slowest in ms.
time_requests() {
  local name="$1" url="$2" i
  for i in $(seq 1 "$WARM"); do curl -fsS -o /dev/null -b "$jar" "$url"; done
  for i in $(seq 1 "$RUNS"); do curl -fsS -o /dev/null -b "$jar" -w '%{time_total}\n' "$url"; done \
    | sort -n | awk -v name="$name" '{t[NR] = $1 * 1000} END {printf "%-34s median %6.0f ms   p90 %6.0f ms   slowest %6.0f ms   (%d requests)\n", name, t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR], NR}'
}

echo "curl, one request at a time, against a Release build at $SITE_URL ($(nproc) cores)"
time_requests "/staff/reports (a year)" "$page_url"
time_requests "/staff/reports.csv (a year)" "$csv_url"

if [ -n "${QUERY_TIMES:-}" ]; then
  mark=$(wc -l <"$SITE_DIR/site.out")
  curl -fsS -o /dev/null -b "$jar" "$csv_url"
  sleep 1
  echo "Queries of one CSV request (EF Core's time; tables read; grouped by):"
  tail -n +"$((mark + 1))" "$SITE_DIR/site.out" | python3 -c '
import re, sys
statements, current = [], None
for line in sys.stdin:
    m = re.search(r"Executed DbCommand \((\d+)ms\)", line)
    if m:
        current = [m.group(1), []]
        statements.append(current)
    elif line.startswith("["):
        current = None
    elif current is not None:
        current[1].append(line.strip())
for ms, sql in statements:
    text = " ".join(sql)
    tables = ", ".join(dict.fromkeys(re.findall(r"(?:FROM|JOIN) .(\w+).", text)))
    group = re.search(r"GROUP BY (.*)$", text)
    by = "  by " + group.group(1)[:70] if group else ""
    print(f"{ms:>6} ms  {tables}{by}")'
fi

if [ -n "${KEEP_DB:-}" ]; then
  sqlite3 "$SITE_DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  cp "$SITE_DB" "$KEEP_DB"
  echo "Benchmark database kept at $KEEP_DB"
fi
