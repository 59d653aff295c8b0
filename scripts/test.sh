#!/usr/bin/env bash
# Everything CI checks, in order: setup, build of the shipped www/pkg,
# formatting, clippy (native and wasm32, warnings are errors), the Rust tests,
# the Node tests of the WebAssembly module, the browser tests of the page.
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
step "extension build (dist/extension, reuses www/pkg)"
SKIP_WASM=1 bash scripts/build-extension.sh
step "extension tests (tests/extension)"
npm ci --prefix tests/extension --no-audit --no-fund
node --test tests/extension/*.test.mjs
step "all passed"
