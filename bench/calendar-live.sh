#!/usr/bin/env bash
# The calendar as reception uses it live, on the day view of bench/calendar.sh (10 clinicians, 300 appointments):
# 1. Drop-to-move round trip: what calendar.js does when an appointment is dropped on a free quarter hour: POST
#    /staff/calendar/move (checked by the booking core, patient told) and then the redraw (GET the day view again).
#    DROPS moves (default 100), one at a time, back and forth between two times; p50 and p90 of the POST alone and of
#    POST + redraw. Target: the round trip under 100 ms (p50).
# 2. Twenty watchers: WATCHERS desks (default 20) each polling /staff/calendar/changes with If-None-Match every 3 s, as
#    calendar.js does, for WATCH_SECONDS (default 60); the site's CPU time over that time as a share of one core.
#    Target: under 5 % of one core.
# Release build on 127.0.0.1 (lib.sh); signed in as reception through the real form.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_sqlite3
machine_note
start_booking_site

day=$(TZ=Asia/Karachi date -d 'next wednesday' +%F)
sqlite3 -cmd ".timeout 10000" -cmd ".parameter set @day \"'$day'\"" "$SITE_DB" < "$BENCH_ROOT/bench/calendar-data.sql"

jar="$SITE_DIR/cookies.txt"
token=$(curl -fsS -c "$jar" -b "$jar" "$SITE_URL/staff/sign-in" \
  | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -n1)
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
  --data-urlencode "Email=reception@dynamicclinic.test" --data-urlencode "Password=Clinic-Demo-2026!" \
  --data-urlencode "__RequestVerificationToken=$token" "$SITE_URL/staff/sign-in")
[ "$status" = "302" ] || { echo "Sign-in failed (HTTP $status)." >&2; exit 1; }
# Every cookie the browser would send (the staff cookie, possibly in chunks, and the antiforgery cookie).
cookie=$(awk '($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) && NF >= 7 {printf "%s%s=%s", sep, $6, $7; sep="; "}' "$jar")

# Warm the day view and the feed's code paths first (JIT, pools), as a site that has been up a while has.
WARMUP="${WARMUP:-20s}" warm_up "$SITE_URL/staff/calendar?date=$day" -H "Cookie: $cookie"

SITE_PID="$SITE_PID" python3 - "$SITE_URL" "$day" "$cookie" "${DROPS:-100}" "${WATCHERS:-20}" "${WATCH_SECONDS:-60}" <<'PY'
import http.client, os, re, statistics, sys, threading, time, urllib.parse

base, day, cookie, drops, watchers, watch_seconds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
hz = os.sysconf("SC_CLK_TCK")

def site_cpu_ms():
    fields = open(f"/proc/{os.environ['SITE_PID']}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / hz

def request(conn, method, path, body=None, headers=None):
    h = {"Cookie": cookie, **(headers or {})}
    conn.request(method, path, body=body, headers=h)
    r = conn.getresponse()
    return r.status, r.read().decode("utf-8"), r.getheader("ETag")

day_path = f"/staff/calendar?date={day}"
conn = http.client.HTTPConnection(host, port)
_, page, _ = request(conn, "GET", day_path)

def token(html):
    return re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html).group(1)

def version(html, reference):
    return re.search(rf'data-ref="{re.escape(reference)}" data-v="([^"]+)"', html).group(1)

# One clinician's column: a movable appointment and the free quarter hours of the same column.
columns = page.split('<div class="cal-body')[1:]
pair = None
for column in columns:
    appts = re.findall(r'data-ref="([^"]+)" data-v="[^"]+"[^>]*><a [^>]*><b>(\d\d:\d\d)', column)
    frees = re.findall(r'href="/staff/appointments/new\?clinician=(\d+)&amp;start=([0-9T:-]+)"', column)
    if appts and frees:
        pair = (appts[0][0], appts[0][1], frees)
        break
if pair is None:
    sys.exit("No column with a movable appointment and a free time.")
reference, original_time, frees = pair
clinician = frees[0][0]
original = f"{day}T{original_time}"

def drop(start, html):
    body = urllib.parse.urlencode({"reference": reference, "v": version(html, reference), "clinician": clinician, "start": start})
    status, answer, _ = request(conn, "POST", "/staff/calendar/move", body,
                                {"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-TOKEN": token(html)})
    return status, answer

# A free time the appointment fits into (its whole length free), found by trying: a refused drop changes nothing.
target = None
for _, start in frees:
    status, _ = drop(start, page)
    if status == 200:
        target = start
        _, page, _ = request(conn, "GET", day_path)
        status, answer = drop(original, page)
        if status != 200:
            sys.exit(f"Moving back failed: {status} {answer}")
        _, page, _ = request(conn, "GET", day_path)
        break
if target is None:
    sys.exit("No free time fits the appointment.")

post_ms, round_ms = [], []
for i in range(drops):
    start = target if i % 2 == 0 else original
    t0 = time.perf_counter()
    status, answer = drop(start, page)
    t1 = time.perf_counter()
    if status != 200:
        sys.exit(f"Drop {i} refused: {status} {answer}")
    _, page, _ = request(conn, "GET", day_path)   # calendar.js redraws from a fresh copy of the page
    t2 = time.perf_counter()
    post_ms.append((t1 - t0) * 1000)
    round_ms.append((t2 - t0) * 1000)

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]

print(f"Drop-to-move: {drops} drops of {reference} between {original[11:]} and {target[11:]} (clinician {clinician})")
print(f"  POST /staff/calendar/move         p50 {pct(post_ms, 50):6.1f} ms   p90 {pct(post_ms, 90):6.1f} ms")
print(f"  POST + redraw (GET the day view)  p50 {pct(round_ms, 50):6.1f} ms   p90 {pct(round_ms, 90):6.1f} ms   target p50 < 100 ms: "
      f"{'met' if pct(round_ms, 50) < 100 else 'MISSED'}")

# Twenty desks watching: each polls every 3 s with the ETag it last saw; nothing changes meanwhile, so 304s.
changes_path = f"/staff/calendar/changes?date={day}"
counts = {"304": 0, "other": 0}
lock = threading.Lock()
stop_at = time.monotonic() + watch_seconds + 1

def watcher(offset):
    c = http.client.HTTPConnection(host, port)
    time.sleep(offset)
    _, _, etag = request(c, "GET", changes_path)
    while time.monotonic() < stop_at:
        next_at = time.monotonic() + 3
        status, _, seen = request(c, "GET", changes_path, headers={"If-None-Match": etag})
        etag = seen or etag
        with lock:
            counts["304" if status == 304 else "other"] += 1
        time.sleep(max(0, next_at - time.monotonic()))

# The site's own background work (outbox, reminders) with nobody watching, to set beside it.
idle0 = site_cpu_ms(); time.sleep(10); idle_share = (site_cpu_ms() - idle0) / 10000 * 100
threads = [threading.Thread(target=watcher, args=(3 * i / watchers,)) for i in range(watchers)]
for t in threads:
    t.start()
time.sleep(4)   # every watcher has made its first request
cpu0, t0 = site_cpu_ms(), time.monotonic()
time.sleep(watch_seconds - 3)
cpu1, t1 = site_cpu_ms(), time.monotonic()
for t in threads:
    t.join()
share = (cpu1 - cpu0) / ((t1 - t0) * 1000) * 100
print(f"{watchers} watchers polling every 3 s for {t1 - t0:.0f} s: {counts['304']} answers 304, {counts['other']} other; "
      f"site CPU {cpu1 - cpu0:.0f} ms = {share:.2f} % of one core (idle, nobody watching: {idle_share:.2f} %); "
      f"target < 5 %: {'met' if share < 5 else 'MISSED'}")
PY
