#!/usr/bin/env bash
# Rebuilds the page and runs the browser tests with UPDATE_SCREENSHOT=1, which
# saves the sample article as the page shows it to docs/screenshot.png (the
# README's picture). Commit the new picture when it changed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
UPDATE_SCREENSHOT=1 node --test tests/browser/*.test.js
echo "wrote docs/screenshot.png"
