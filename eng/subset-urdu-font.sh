#!/usr/bin/env bash
# Vendors the Urdu typeface (Noto Naskh Arabic, regular and bold, from npm @fontsource) into wwwroot/lib, cut down to
# the characters the Urdu pages use (every *.ur.resx and the Urdu treatment content), as woff2. Rerun it after
# adding Urdu text: a letter missing from the subset falls back to the system's font (docs/decisions/0006-urdu.md).
# Needs node and npm; the tools go into artifacts/tools/urdu-font (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

tools=artifacts/tools/urdu-font
fontsource_version=5.3.0
subset_font_version=2.9.0
mkdir -p "$tools"
if [ ! -f "$tools/node_modules/subset-font/package.json" ] \
  || ! grep -q "\"version\": \"$fontsource_version\"" "$tools/node_modules/@fontsource/noto-naskh-arabic/package.json" 2>/dev/null; then
  (cd "$tools" && { [ -f package.json ] || npm init -y >/dev/null; } \
    && npm i -E --no-audit --no-fund "@fontsource/noto-naskh-arabic@$fontsource_version" "subset-font@$subset_font_version")
fi

NODE_PATH="$PWD/$tools/node_modules" node eng/subset-urdu-font.mjs \
  "$tools/node_modules/@fontsource/noto-naskh-arabic" \
  src/DynamicClinic.Web/wwwroot/lib/noto-naskh-arabic \
  src/DynamicClinic.Web
