#!/usr/bin/env bash
# Every benchmark in one go, in about ten minutes on two cores: public pages, slots, the staff calendar and confirmations (each against its
# own Release build on loopback, published once here) and the availability micro-benchmark in BenchmarkDotNet's short
# job. The output is also written to bench/results/run-all-<date>.txt, and its figures, judged against each target and
# with the site's peak memory, replace the "Latest full run" section of docs/benchmarks.md (bench/summarise.py).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
mkdir -p "$BENCH_ROOT/bench/results"
log="$BENCH_ROOT/bench/results/run-all-$(date -u +%Y%m%dT%H%M%SZ).txt"

published="$(mktemp -d)"
trap 'rm -rf "$published"' EXIT
dotnet publish "$BENCH_ROOT/src/DynamicClinic.Web" -c Release -o "$published" -v quiet -nologo >/dev/null
export BENCH_PUBLISHED="$published"

{
  echo "# bench/run-all.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$BENCH_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  for script in public-pages.sh slots.sh calendar.sh confirmations.sh; do
    echo; echo "## $script"
    bash "$BENCH_ROOT/bench/$script" || echo "($script exited with $?)"
  done
  echo; echo "## availability.sh (JOB=short)"
  JOB=short bash "$BENCH_ROOT/bench/availability.sh" || echo "(availability.sh exited with $?)"
} 2>&1 | tee "$log"
echo "Written to $log"
python3 "$BENCH_ROOT/bench/summarise.py" "$log" "$BENCH_ROOT/docs/benchmarks.md"
