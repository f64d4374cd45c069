#!/usr/bin/env bash
# Runs every test: unit, integration (real SQLite, real HTTP, real SMTP), browser (Playwright + Debian's Chromium,
# axe-core), the HTML checker over the public pages, and last a scan of every log the suite wrote for patient data.
# On a fresh Debian machine with the .NET 10 SDK this is all the set-up there is: it installs what the tests need.
#
# ./eng/test.sh --sqlserver "Server=...;User Id=...;Password=...;TrustServerCertificate=True" runs the same suite with
# the integration tests on that SQL Server: each test class in a database of its own, created and dropped by the
# fixture (the login needs dbcreator). Tests marked [Trait("Database", "SqliteOnly")] stay on SQLite (docs/database.md).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--sqlserver" ]; then
  [ -n "${2:-}" ] || { echo "Usage: $0 [--sqlserver \"<connection string>\"]" >&2; exit 2; }
  export DYNAMICCLINIC_TEST_SQLSERVER="$2"
  shift 2
elif [ $# -gt 0 ]; then
  echo "Usage: $0 [--sqlserver \"<connection string>\"]" >&2
  exit 2
fi

# The HTML checker (vnu.jar from npm), pinned; fetched into artifacts/tools (git-ignored) when missing.
vnu_version=26.9.27
vnu_integrity=sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA==
vnu_dir=artifacts/tools/vnu
export VNU_JAR="$PWD/$vnu_dir/vnu.jar"

# What each test host leaves (database, logs, mail) goes here, for the log scan; emptied now, not at the end, so a
# failed run can be inspected.
export DYNAMICCLINIC_TEST_RUN="$PWD/artifacts/test-run"
rm -rf "$DYNAMICCLINIC_TEST_RUN"

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || need_packages+=(fonts-dejavu-core)
command -v java >/dev/null || need_packages+=(default-jre-headless)
if [ "$(cat "$vnu_dir/VERSION" 2>/dev/null)" != "$vnu_version" ] && ! command -v npm >/dev/null && ! command -v curl >/dev/null; then
  need_packages+=(curl ca-certificates)
fi
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing ${need_packages[*]} for the tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

if [ "$(cat "$vnu_dir/VERSION" 2>/dev/null)" != "$vnu_version" ]; then
  echo "Fetching vnu-jar $vnu_version (the HTML checker)..."
  rm -rf "$vnu_dir" && mkdir -p "$vnu_dir"
  tarball="$vnu_dir/vnu-jar-$vnu_version.tgz"
  if command -v npm >/dev/null; then
    # npm pack only downloads the package: no install scripts run (vnu-jar's would fetch a Java of its own).
    npm pack --silent --pack-destination "$vnu_dir" "vnu-jar@$vnu_version" >/dev/null
  else
    curl -fsSL -o "$tarball" "https://registry.npmjs.org/vnu-jar/-/vnu-jar-$vnu_version.tgz"
  fi
  expected=$(echo "${vnu_integrity#sha512-}" | base64 -d | od -An -tx1 | tr -d ' \n')
  [ "$(sha512sum "$tarball" | cut -d' ' -f1)" = "$expected" ] \
    || { echo "vnu-jar-$vnu_version.tgz does not match its registry checksum" >&2; exit 1; }
  tar -xzf "$tarball" -C "$vnu_dir" --strip-components=3 package/build/dist/vnu.jar
  rm -f "$tarball"
  echo "$vnu_version" > "$vnu_dir/VERSION"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build DynamicClinic.sln -c Release -warnaserror -v quiet -nologo
dotnet format DynamicClinic.sln --verify-no-changes --no-restore -v quiet

if [ -n "${DYNAMICCLINIC_TEST_SQLSERVER:-}" ]; then
  echo "Integration tests: on SQL Server (DYNAMICCLINIC_TEST_SQLSERVER), SQLite-only tests on SQLite"
else
  echo "Integration tests: on SQLite (./eng/test.sh --sqlserver \"...\" for SQL Server)"
fi

log=$(mktemp)
status=0
dotnet test DynamicClinic.sln -c Release --no-build -v quiet --nologo 2>&1 | tee "$log" || status=$?
# Last, once every host has stopped: no log line of the run may hold patient data (see LogScanTests).
dotnet test tests/DynamicClinic.LogScanTests -c Release --no-build -v quiet --nologo -p:IsTestProject=true 2>&1 | tee -a "$log" || status=$?
cat "$DYNAMICCLINIC_TEST_RUN/log-scan.txt" 2>/dev/null || true
# What the fixture itself says it used (TestDatabase).
cat "$DYNAMICCLINIC_TEST_RUN/integration-database.txt" 2>/dev/null || true

# One closing line over all test projects.
awk '/(Passed|Failed)!/ {
  for (i = 1; i <= NF; i++) {
    if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
  }
} END { gsub(",", "", f); printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
