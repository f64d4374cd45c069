#!/usr/bin/env bash
# The staff calendar under load: the day view (GET /staff/calendar, the time grid and the lists) and the JSON feed
# (GET /staff/calendar/feed) for one day with 10 clinicians and 300 appointments, signed in as reception, with wrk:
# requests per second, latency and site CPU per request. Target: the feed at 200 requests/s or more on two cores.
# The data is added with sqlite3 from calendar-data.sql after the site has seeded its demo data; the sign-in is the real
# form (antiforgery token and all) posted with curl, and wrk sends the resulting cookie.
# Settings: DURATION, CONNECTIONS, THREADS as in lib.sh; WARMUP (default 60s) before each measured run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_wrk
ensure_sqlite3
machine_note
start_booking_site

# A Wednesday a few days ahead, in the clinic's time zone.
day=$(TZ=Asia/Karachi date -d 'next wednesday' +%F)
sqlite3 -cmd ".timeout 10000" -cmd ".parameter set @day \"'$day'\"" "$SITE_DB" < "$BENCH_ROOT/bench/calendar-data.sql"

# Sign in as reception through the form, keeping the cookies; wrk then sends the staff cookie(s) as one header.
jar="$SITE_DIR/cookies.txt"
token=$(curl -fsS -c "$jar" -b "$jar" "$SITE_URL/staff/sign-in" \
  | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1)
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "Email=reception@dynamicclinic.test" --data-urlencode "Password=Clinic-Demo-2026!" \
  --data-urlencode "__RequestVerificationToken=$token" "$SITE_URL/staff/sign-in")
[ "$status" = "302" ] || { echo "Sign-in failed (HTTP $status)." >&2; exit 1; }
# curl writes HttpOnly cookies as "#HttpOnly_host ..." lines; the staff cookie may be split into chunks (…C1, …C2).
cookie=$(awk '($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) && NF >= 7 && $6 ~ /^DynamicClinic\.Staff/ {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")
[ -n "$cookie" ] || { echo "No staff cookie after sign-in." >&2; exit 1; }

day_url="$SITE_URL/staff/calendar?date=$day"
feed_url="$SITE_URL/staff/calendar/feed?from=$day&to=$day"

# The figures only mean something if the pages hold the 300 appointments.
items=$(curl -fsS -H "Cookie: $cookie" "$day_url" | grep -o 'class="cal-appt ' | wc -l)
feed=$(curl -fsS -H "Cookie: $cookie" "$feed_url" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["clinicians"]), len(d["appointments"]))')
echo "Day $day: the grid shows $items appointments; the feed has ${feed% *} clinicians and ${feed#* } appointments"
[ "$items" -ge 300 ] && [ "${feed#* }" -ge 300 ] || { echo "The calendar does not show the benchmark data." >&2; exit 1; }
echo "Response sizes: day view $(curl -fsS -H "Cookie: $cookie" "$day_url" | wc -c) bytes, feed $(curl -fsS -H "Cookie: $cookie" "$feed_url" | wc -c) bytes"

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION -H 'Cookie: <reception>' against a Release build at $SITE_URL ($(nproc) cores)"
for name in "/staff/calendar (day view)" "/staff/calendar/feed (1 day)"; do
  case "$name" in
    *feed*) url="$feed_url" ;;
    *) url="$day_url" ;;
  esac
  # Warm-up beyond run_wrk's 3 s (see warm_up in lib.sh).
  warm_up "$url" -H "Cookie: $cookie"
  run_wrk "$name" "$url" -H "Cookie: $cookie"
  key=${name//[^A-Za-z0-9]/_}
  reqs_var="REQS_$key"; cpu_var="CPU_MS_$key"
  python3 -c "print(f'  site CPU per request: {${!cpu_var} / ${!reqs_var}:.2f} ms ({${!reqs_var}} requests, {${!cpu_var}} ms CPU)')"
done
