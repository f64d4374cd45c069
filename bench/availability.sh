#!/usr/bin/env bash
# BenchmarkDotNet: what GET /book/slots does for one clinician over 30 days (a fresh ClinicDbContext, the real
# AvailabilityQuery.LoadAsync and AvailabilityCalculator.FindSlots), and for "any of 10 clinicians" over 60 days for PRP,
# which needs the PRP room (and the same without the room), on SQLite files holding 10,000 and 1,000,000
# appointments. The files are generated once and kept in bench/results/data (or $BENCH_DATA); see BenchmarkDatabase.cs.
# Also prints the SQL EF Core sends and SQLite's EXPLAIN QUERY PLAN for it on the 1,000,000-row file.
# JOB=default|short|medium (default: BenchmarkDotNet's default job, about 5 minutes; short takes about 1.5).
# Targets: median under 5 ms at both sizes, and the 1,000,000-row median less than 1.5 times the 10,000-row one, for
# both the one-clinician case and the 10-clinician room case. The ten-clinician room case is also timed as its load
# alone and its rules alone (on data loaded once), to tell the database's share from the calculator's.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
JOB="${JOB:-default}"
ensure_sqlite3
machine_note

project="$BENCH_ROOT/bench/DynamicClinic.Benchmarks"
dll="$project/bin/Release/net10.0/DynamicClinic.Benchmarks.dll"
dotnet build "$project" -c Release -v quiet -nologo >/dev/null
dotnet "$dll" prepare

db=$(dotnet "$dll" explain 1000000 | sed -n 's/^Database: *//p')
echo
echo "EXPLAIN QUERY PLAN on $(basename "$db"):"
sqlite3 -readonly "$db" < "$BENCH_ROOT/bench/results/availability-queries.sql"
echo

artifacts="$BENCH_ROOT/bench/results/BenchmarkDotNet.Artifacts"
rm -f "$artifacts"/results/*AvailabilityBenchmark*
dotnet "$dll" --filter '*AvailabilityBenchmark*' --job "$JOB" --exporters csv github > "$BENCH_ROOT/bench/results/availability-bdn.log"
cat "$artifacts"/results/*AvailabilityBenchmark-report-github.md

# The target, from BenchmarkDotNet's CSV (medians are in the units it chose per row).
python3 - "$artifacts"/results/*AvailabilityBenchmark-report.csv <<'PY'
import csv, sys
units = {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1000.0}
def ms(text):
    value, unit = text.replace(",", "").split()
    return float(value) * units[unit]
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
def report(prefix, label):
    # Exact names: "...PRP room" must not pick up "...PRP room: load only" (that mistake printed the rules' figure once).
    full = {r["Appointments"]: ms(r["Median"]) for r in rows if r["Method"].strip("'") == prefix}
    small, large = full["10000"], full["1000000"]
    ok = small < 5 and large < 5 and large / small < 1.5
    print(f"Median {label}: {small:.3f} ms at 10,000, {large:.3f} ms at 1,000,000 appointments "
          f"(x{large / small:.2f}); target < 5 ms and < x1.5: {'met' if ok else 'MISSED'}")
report("LoadAsync + FindSlots, 1 clinician, 30 days", "LoadAsync + FindSlots")
report("Any of 10 clinicians, 60 days, PRP room", "any of 10 clinicians, 60 days, PRP room")
report("Any of 10 clinicians, 60 days, no room", "any of 10 clinicians, 60 days, no room (for comparison)")
PY
