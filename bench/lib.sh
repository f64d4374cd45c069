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

# start_site [extra args...]: publishes Release once, starts it on a free 127.0.0.1 port; sets SITE_URL, SITE_PID, SITE_DIR.
start_site() {
  SITE_DIR="$(mktemp -d)"
  dotnet publish "$BENCH_ROOT/src/DynamicClinic.Web" -c Release -o "$SITE_DIR/app" -v quiet -nologo >/dev/null
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  SITE_URL="http://127.0.0.1:$port"
  (cd "$SITE_DIR/app" && ASPNETCORE_ENVIRONMENT=Production \
    Database__ConnectionString="Data Source=$SITE_DIR/bench.db" \
    Serilog__WriteTo__1__Args__path="$SITE_DIR/logs/bench-.log" \
    exec dotnet DynamicClinic.Web.dll --urls "$SITE_URL" --migrate "$@" >"$SITE_DIR/site.out" 2>&1) &
  SITE_PID=$!
  trap stop_site EXIT
  for _ in $(seq 1 100); do
    curl -fsS "$SITE_URL/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "The site did not start:" >&2; cat "$SITE_DIR/site.out" >&2; return 1
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
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" "$@")
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-28s %10s req/s   p50 %-9s p99 %-9s %s\n' "$name" "$rps" "$p50" "$p99" "${non2xx:+non-2xx: $non2xx}"
  eval "RPS_${name//[^A-Za-z0-9]/_}=$rps"
}
