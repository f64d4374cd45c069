#!/usr/bin/env bash
# Shared helpers for the load benchmarks: build, start the site on loopback, run wrk, stop.
set -euo pipefail

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${DURATION:-15s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"

ensure_wrk() {
  if ! command -v wrk >/dev/null; then
    local sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk >/dev/null
  fi
}

ensure_sqlite3() {
  if ! command -v sqlite3 >/dev/null; then
    local sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq sqlite3 >/dev/null
  fi
}

# publish_site DIR: a Release publish of the site into DIR/app; with BENCH_PUBLISHED set (run-all.sh publishes once),
# that folder is used instead. Sets SITE_APP.
publish_site() {
  if [ -n "${BENCH_PUBLISHED:-}" ] && [ -f "$BENCH_PUBLISHED/DynamicClinic.Web.dll" ]; then
    SITE_APP="$BENCH_PUBLISHED"
  else
    SITE_APP="$1/app"
    dotnet publish "$BENCH_ROOT/src/DynamicClinic.Web" -c Release -o "$SITE_APP" -v quiet -nologo >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_site [extra args...]: publishes Release once, starts it on a free 127.0.0.1 port; sets SITE_URL, SITE_PID, SITE_DIR.
start_site() {
  SITE_DIR="$(mktemp -d)"
  publish_site "$SITE_DIR"
  local port
  port=$(free_port)
  SITE_URL="http://127.0.0.1:$port"
  (cd "$SITE_APP" && ASPNETCORE_ENVIRONMENT=Production \
    Database__ConnectionString="Data Source=$SITE_DIR/bench.db" \
    Serilog__WriteTo__File__Args__path="$SITE_DIR/logs/bench-.log" \
    Email__PickupDirectory="$SITE_DIR/mail" \
    exec dotnet DynamicClinic.Web.dll --urls "$SITE_URL" --migrate "$@" >"$SITE_DIR/site.out" 2>&1) &
  SITE_PID=$!
  trap stop_site EXIT
  wait_for_site
}

# start_booking_site [extra args...]: the same Release build and loopback port, for the booking benchmarks. It runs as
# Development because that is where the site seeds its demo catalogue (treatments, three clinicians and their hours)
# and where its cookies may travel over plain http (elsewhere they are Secure and antiforgery refuses http). What else
# Development changes is pinned back here: logging levels as in appsettings.json, the real rate limiter (with limits
# no run reaches), EF Core's thread-safety checks off (as in Production), mail to a pickup folder (the outbox sender
# still runs and writes to the database, as with SMTP).
# The remaining differences: the developer exception page instead of /error (only on a 500), no HSTS or HTTPS
# redirection (neither applies to http on loopback anyway) and DI scope validation. Sets SITE_DB too.
start_booking_site() {
  SITE_DIR="$(mktemp -d)"
  publish_site "$SITE_DIR"
  local port
  port=$(free_port)
  SITE_URL="http://127.0.0.1:$port"
  SITE_DB="$SITE_DIR/bench.db"
  # env(1), because some keys have dots in them (Serilog's overrides), which a shell assignment cannot.
  (cd "$SITE_APP" && exec env ASPNETCORE_ENVIRONMENT=Development \
    Database__Provider=Sqlite \
    Database__ConnectionString="Data Source=$SITE_DB" \
    Database__ApplyMigrationsAtStartup=true \
    Database__SeedDemoData=true \
    Database__ThreadSafetyChecks=false \
    Booking__BookingRequestsPerMinute=1000000 \
    Booking__SlotRequestsPerMinute=1000000 \
    Serilog__MinimumLevel__Default=Information \
    Serilog__MinimumLevel__Override__Microsoft.AspNetCore=Warning \
    Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore=Warning \
    Serilog__WriteTo__File__Args__path="$SITE_DIR/logs/bench-.log" \
    Email__Smtp__Host= \
    Email__PickupDirectory="$SITE_DIR/mail" \
    dotnet DynamicClinic.Web.dll --urls "$SITE_URL" --migrate "$@" >"$SITE_DIR/site.out" 2>&1) &
  SITE_PID=$!
  trap stop_site EXIT
  wait_for_site
}

wait_for_site() {
  for _ in $(seq 1 150); do
    curl -fsS "$SITE_URL/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "The site did not start:" >&2; cat "$SITE_DIR/site.out" >&2; return 1
}

# site_cpu_ms: CPU time (user + system) the site has used so far, in ms. On a shared machine CPU per request says more
# than requests per second, which also depend on what else runs.
site_cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$SITE_PID/stat"
}

# cpu_idle_percent SECONDS: how idle the whole machine was over the next SECONDS, from /proc/stat.
cpu_idle_percent() {
  local a b
  a=$(awk '/^cpu / {print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
  sleep "$1"
  b=$(awk '/^cpu / {print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); printf "%d", 100 * (y[1] - x[1]) / (y[2] - x[2])}'
}

# wait_for_idle: waits (up to QUIET_WAIT seconds, default 180) until the machine is at least 90 % idle over 5 s, so a
# run does not start while a previous one, a build or a test run still holds the cores. The load average is no use
# here: it takes minutes to decay after a run that has already stopped. Sets IDLE_BEFORE.
wait_for_idle() {
  local waited=0
  IDLE_BEFORE=$(cpu_idle_percent 5)
  while [ "$IDLE_BEFORE" -lt 90 ] && [ "$waited" -lt "${QUIET_WAIT:-180}" ]; do
    waited=$((waited + 5))
    IDLE_BEFORE=$(cpu_idle_percent 5)
  done
}

# cpu_yardstick: seconds a fixed piece of single-threaded work (Python, sum of 20 million squares) takes now. The VM's
# speed drifts with what its host runs (the same build has measured anywhere from 6 to 14 ms of CPU per feed request),
# and this puts a figure on it next to each run.
cpu_yardstick() {
  python3 -c 'import time; t = time.perf_counter(); sum(i * i for i in range(20_000_000)); print(f"{time.perf_counter() - t:.2f}")'
}

# machine_note: one line on what the figures were measured on, including how busy and how fast the machine was.
machine_note() {
  wait_for_idle
  echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), load average before the run: $(cut -d' ' -f1-3 /proc/loadavg), idle ${IDLE_BEFORE} % over 5 s, CPU yardstick $(cpu_yardstick) s"
}

# warm_up URL [wrk args...]: load before measuring. On two cores the tiered JIT (with dynamic PGO) goes on recompiling
# hot code for about a minute of load: the calendar feed measured 128-166 requests/s after 13 s of warm-up and 287
# after 60 s, and 1,700 methods were still being compiled in the ten seconds after a minute (docs/benchmarks.md). A site
# that has been up a while has long finished, so the figures are for that steady state. WARMUP, default 60s.
warm_up() {
  local url="$1"; shift
  wrk -t2 -c8 -d"${WARMUP:-60s}" "$url" "$@" >/dev/null
}

stop_site() {
  if [ -n "${SITE_PID:-}" ]; then
    # Peak resident memory of the site during the run, from the kernel's high-water mark.
    if [ -r "/proc/$SITE_PID/status" ]; then
      SITE_PEAK_RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SITE_PID/status")
      echo "Site peak memory (VmHWM): $((SITE_PEAK_RSS_KB / 1024)) MB"
    fi
    kill "$SITE_PID" 2>/dev/null || true
    wait "$SITE_PID" 2>/dev/null || true
    SITE_PID=""
  fi
  [ -n "${SITE_DIR:-}" ] && rm -rf "$SITE_DIR"
  SITE_DIR=""
}

# run_wrk NAME URL [wrk args...]: prints "NAME  req/s  p50  p99".
run_wrk() {
  local name="$1" url="$2"; shift 2
  wrk -t2 -c8 -d3s "$url" "$@" >/dev/null   # warm-up: JIT, caches, connection pools
  local out cpu_before
  cpu_before=$(site_cpu_ms 2>/dev/null || echo 0)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" "$@")
  # For callers that want them: requests in the measured run and the site's CPU time (ms) during it.
  eval "REQS_${name//[^A-Za-z0-9]/_}=$(awk '/requests in/ {print $1}' <<<"$out")"
  eval "CPU_MS_${name//[^A-Za-z0-9]/_}=$(( $(site_cpu_ms 2>/dev/null || echo 0) - cpu_before ))"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-28s %10s req/s   p50 %-9s p99 %-9s %s\n' "$name" "$rps" "$p50" "$p99" "${non2xx:+non-2xx: $non2xx}"
  eval "RPS_${name//[^A-Za-z0-9]/_}=$rps"
}
