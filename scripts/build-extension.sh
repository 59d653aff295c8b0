#!/usr/bin/env bash
# Builds the browser extension (Manifest V3, Chromium) from www/extension/:
#   dist/extension/                 the unpacked extension (chrome://extensions,
#                                   Developer mode, "Load unpacked")
#   dist/article-lens-extension.zip the same files zipped
# The WebAssembly analyzer is the very bundle the page uses: this script runs
# scripts/build-wasm.sh and copies www/pkg/ into the extension. Readability
# comes from npm (www/extension/package-lock.json, installed with npm ci) and
# is copied in with its licence: nothing is fetched when the extension runs.
#
# Environment: SKIP_WASM=1 reuses an existing www/pkg/ instead of rebuilding it.
set -euo pipefail
cd "$(dirname "$0")/.."

src=www/extension
out=dist/extension
zip=dist/article-lens-extension.zip

if [ "${SKIP_WASM:-0}" = 1 ] && [ -f www/pkg/article_lens_bg.wasm ]; then
  echo "build-extension: reusing www/pkg (SKIP_WASM=1)"
elif [ -f scripts/build-wasm.sh ]; then
  bash scripts/build-wasm.sh
else
  echo "build-extension: scripts/build-wasm.sh is missing; it builds www/pkg/" >&2
  exit 1
fi
for f in www/pkg/article_lens.js www/pkg/article_lens_bg.wasm; do
  [ -f "$f" ] || { echo "build-extension: $f was not built" >&2; exit 1; }
done

npm ci --prefix "$src" --no-audit --no-fund --loglevel=error
readability="$src/node_modules/@mozilla/readability"

rm -rf "$out" "$zip"
mkdir -p "$out/pkg" "$out/vendor" "$out/icons"
cp "$src"/{background.js,content.js,highlight.css,panel.html,panel.js,panel.css} "$out/"
cp "$src"/icons/{16,32,48,128}.png "$out/icons/"
cp www/pkg/article_lens.js www/pkg/article_lens_bg.wasm "$out/pkg/"
cp "$readability/Readability.js" "$out/vendor/Readability.js"
cp "$readability/LICENSE.md" "$out/vendor/Readability-LICENSE.md"

# The manifest, with the crate's version so the two never disagree.
version=$(sed -n 's/^version = "\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
node -e '
  const fs = require("fs");
  const m = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  m.version = process.argv[3];
  fs.writeFileSync(process.argv[2], JSON.stringify(m, null, 2) + "\n");
' "$src/manifest.json" "$out/manifest.json" "$version"

# No remote code: our own scripts name no http(s) address and load nothing
# from outside the package.
if grep -nE "https?://|importScripts\(|\beval\(|new Function\(" "$out"/*.js "$out"/*.html; then
  echo "build-extension: remote address or dynamic code in the extension's own files" >&2
  exit 1
fi

(cd "$out" && zip -qrX "../$(basename "$zip")" .)
echo "$out/: $(find "$out" -type f | wc -l) files; $zip: $(wc -c <"$zip") bytes"
