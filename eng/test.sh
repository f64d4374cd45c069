#!/usr/bin/env bash
# Runs every test: unit, integration (real SQLite, real HTTP, real SMTP) and browser (Playwright + Debian's Chromium).
# On a fresh Debian machine with the .NET 10 SDK this is all the set-up there is: it installs what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

need_packages=()
[ -x /usr/bin/chromium ] || need_packages+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || need_packages+=(fonts-dejavu-core)
if [ ${#need_packages[@]} -gt 0 ]; then
  echo "Installing ${need_packages[*]} for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build DynamicClinic.sln -c Release -warnaserror -v quiet -nologo
dotnet format DynamicClinic.sln --verify-no-changes --no-restore -v quiet

log=$(mktemp)
status=0
dotnet test DynamicClinic.sln -c Release --no-build -v quiet --nologo 2>&1 | tee "$log" || status=$?

# One closing line over all test projects.
awk '/(Passed|Failed)!/ {
  for (i = 1; i <= NF; i++) {
    if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1)
  }
} END { gsub(",", "", f); printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
