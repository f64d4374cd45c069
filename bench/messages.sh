#!/usr/bin/env bash
# The outbox sending WhatsApp messages: a Release build of the site (Production settings) sends COUNT queued template
# messages to a fake WhatsApp Cloud API on 127.0.0.1 (bench/fake-whatsapp.py, which checks each request's shape).
# The messages are put straight into the outbox table (as the booking core would, without the booking cost), then
# the script times from the site picking them up to the last one sent, and reports messages per second and the site's
# peak memory (VmHWM). Bounded: gives up after MAX_SECONDS.
# Settings: COUNT (default 3000), MAX_SECONDS (default 120), BATCH (Email:BatchSize, default the site's own).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
COUNT="${COUNT:-3000}"
MAX_SECONDS="${MAX_SECONDS:-120}"
TOKEN="bench-whatsapp-token"; PHONE_ID="1098765432"; VERSION="v21.0"

machine_note
FAKE_OUT="$(mktemp)"
python3 "$BENCH_ROOT/bench/fake-whatsapp.py" "$TOKEN" "$PHONE_ID" "$VERSION" >"$FAKE_OUT" &
FAKE_PID=$!
for _ in $(seq 1 50); do [ -s "$FAKE_OUT" ] && break; sleep 0.1; done
FAKE_PORT=$(head -1 "$FAKE_OUT")
stop_all() { stop_site; kill "$FAKE_PID" 2>/dev/null || true; wait "$FAKE_PID" 2>/dev/null || true; echo "Fake provider: $(tail -1 "$FAKE_OUT")"; rm -f "$FAKE_OUT"; }

extra=()
[ -n "${BATCH:-}" ] && extra+=(--Email:BatchSize="$BATCH")
start_site --Messaging:WhatsApp:Enabled=true --Messaging:WhatsApp:BaseUrl="http://127.0.0.1:$FAKE_PORT/" \
  --Messaging:WhatsApp:ApiVersion="$VERSION" --Messaging:WhatsApp:PhoneNumberId="$PHONE_ID" \
  --Messaging:WhatsApp:AccessToken="$TOKEN" --Messaging:WhatsApp:AppSecret=bench-app-secret \
  --Messaging:WhatsApp:VerifyToken=bench-verify-token --Email:PollInterval=00:00:00.200 "${extra[@]}"
trap stop_all EXIT
DB="$SITE_DIR/bench.db"

# COUNT due WhatsApp confirmations to made-up Pakistani mobiles (not patients: the outbox needs only the address).
python3 - "$DB" "$COUNT" <<'PY'
import sqlite3, sys
db, count = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db, timeout=30)
rows = [("BookingConfirmed", "WhatsApp", f"+92300{i:07d}", "", f"BookingConfirmed DC-B{i:05d}",
         f"Dynamic Clinic: your appointment is booked for Tue 15 Dec 2026 at 11:30 (Pakistan time). Reference DC-B{i:05d}.",
         "appointment_confirmed", "en", f'["Dynamic Clinic","Tue 15 Dec 2026","11:30","DC-B{i:05d}"]',
         "2000-01-01 00:00:00", "2000-01-01 00:00:00", 0) for i in range(count)]
c.executemany("""INSERT INTO OutboxMessages (Kind, Channel, ToAddress, ToName, Subject, TextBody, Template, Language,
    TemplateParameters, CreatedUtc, NextAttemptUtc, Attempts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""", rows)
c.commit()
PY
pending() { sqlite3 -cmd ".timeout 5000" "$DB" "SELECT COUNT(*) FROM OutboxMessages WHERE SentUtc IS NULL AND FailedUtc IS NULL"; }
start=$(date +%s.%N); cpu_before=$(site_cpu_ms)
left=$COUNT
while [ "$left" -gt 0 ]; do
  sleep 0.25
  left=$(pending)
  if (( $(echo "$(date +%s.%N) - $start > $MAX_SECONDS" | bc) )); then echo "Gave up after $MAX_SECONDS s with $left unsent"; break; fi
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
sent=$(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT COUNT(*) FROM OutboxMessages WHERE SentUtc IS NOT NULL")
failed=$(sqlite3 -cmd ".timeout 5000" "$DB" "SELECT COUNT(*) FROM OutboxMessages WHERE FailedUtc IS NOT NULL")
printf 'Sent %d of %d in %.2f s: %.1f messages/s (failed for good: %d); site CPU %d ms\n' \
  "$sent" "$COUNT" "$elapsed" "$(echo "$sent / $elapsed" | bc -l)" "$failed" "$(( $(site_cpu_ms) - cpu_before ))"
echo "Targets: >= 50 messages/s, site peak memory < 300 MB"
