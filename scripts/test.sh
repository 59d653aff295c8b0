#!/usr/bin/env bash
# Everything CI checks, in order: setup, build of the shipped www/pkg,
# formatting, clippy (native and wasm32, warnings are errors), the Rust tests,
# the Node tests of the WebAssembly module, the browser tests of the page,
# smoke runs of the benchmark scripts, the extension, the npm package
# (packed, installed, used from Node, tsc and Chromium) and the worker
# wrapper on the page.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

step() { printf '\n== %s\n' "$*"; }

step setup
bash scripts/setup.sh
step "build www/pkg"
bash scripts/build-wasm.sh
step "cargo fmt --check"
cargo fmt --all --check
step "cargo clippy (native)"
cargo clippy --all-targets -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
step "cargo test --release"
cargo test --release
step "node tests (tests/node)"
node --test tests/node/*.test.js
step "browser tests (tests/browser)"
node --test tests/browser/*.test.js
step "benchmark scripts, smoke run (scripts/bench-*.mjs --quick; figures meaningless)"
node scripts/bench-wasm.mjs --quick
node scripts/bench-browser.mjs --quick
step "extension build (dist/extension, reuses www/pkg)"
SKIP_WASM=1 bash scripts/build-extension.sh
step "extension tests (tests/extension)"
npm ci --prefix tests/extension --no-audit --no-fund
node --test tests/extension/*.test.mjs
step "npm package build (dist/npm, reuses www/pkg)"
SKIP_WASM=1 bash scripts/build-package.sh
step "package and worker tests (tests/package)"
node --test tests/package/package.test.mjs
# Alone, so that no other test competes with the timing it measures.
node --test tests/package/page-worker.test.mjs
step "all passed"
