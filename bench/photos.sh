#!/usr/bin/env bash
# Progress photos (issue 15): PhotoProcessing.Process, the code every upload runs, on 12-megapixel phone-like JPEGs
# (4032 x 3024), in a Release build of bench/DynamicClinic.Benchmarks: one at a time, four at once with the process's
# peak memory, and the size of twelve thumbnails. Targets: under 1.5 s a photo, under 400 MB with four at once,
# twelve thumbnails under 300 KB.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
machine_note
dotnet run -c Release --project "$BENCH_ROOT/bench/DynamicClinic.Benchmarks" -- photos
