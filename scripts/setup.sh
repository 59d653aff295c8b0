#!/usr/bin/env bash
# Installs what building and testing article-lens needs, when it is missing.
# Safe to run again: each step checks first. Needs root (or sudo) only when a
# Debian package is missing.
#
#   scripts/setup.sh          everything: build tools, Node packages, Chromium
#   scripts/setup.sh build    only what building www/pkg needs
#
# Installs: the Rust target wasm32-unknown-unknown (+ rustfmt, clippy);
# wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in
# Cargo.lock; Debian packages nodejs/npm, python3, chromium, chromium-driver
# when missing; the Node packages of package-lock.json (npm ci): wasm-opt
# (npm "binaryen": Debian bookworm's binaryen 108 writes a broken module when
# the input uses reference types, as Rust's wasm32 output does by default),
# typescript and playwright-core for the tests. No browser download: the
# tests drive Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
what=${1:-all}

say() { echo "setup: $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "need root to run: $*"; return 1
  fi
}

apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing $*, and no apt-get here: install them by hand"; return 1
  fi
  if [ $apt_updated = 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  say "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# --- Debian packages --------------------------------------------------------
pkgs=()
command -v cc >/dev/null 2>&1 || pkgs+=(gcc libc6-dev)
command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
command -v gzip >/dev/null 2>&1 || pkgs+=(gzip)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
if [ "$what" = all ]; then
  command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || pkgs+=(chromium-driver)
  # Fonts so that screenshots show text (Debian's chromium pulls in none).
  [ -e /usr/share/fonts/truetype/dejavu ] || pkgs+=(fonts-dejavu-core)
fi
if [ ${#pkgs[@]} -gt 0 ]; then apt_install "${pkgs[@]}"; fi

# --- Rust -------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  # Debian 13 and Ubuntu 24.04 package rustup; older releases only have a
  # rustc too old for this crate.
  command -v rustup >/dev/null 2>&1 || apt_install rustup || {
    say "no Rust toolchain: install one with rustup (https://rustup.rs) and run this again"
    exit 1
  }
  rustup default stable
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if command -v rustup >/dev/null 2>&1; then
  installed=$(rustup target list --installed)
  grep -qx wasm32-unknown-unknown <<<"$installed" || rustup target add wasm32-unknown-unknown
  components=$(rustup component list --installed)
  grep -q '^rustfmt' <<<"$components" || rustup component add rustfmt
  grep -q '^clippy' <<<"$components" || rustup component add clippy
else
  say "no rustup: make sure the Rust toolchain has the wasm32-unknown-unknown target"
fi

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate the
# module is built with, or its glue does not match the .wasm.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then say "cannot read the wasm-bindgen version from Cargo.lock"; exit 1; fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none}); this compiles for a few minutes"
  # Not --locked: a dependency pinned in its lock file is gone from the registry.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# --- Node packages: wasm-opt, and what the tests use -------------------------
stamp=node_modules/.article-lens-lock
if ! cmp -s package-lock.json "$stamp" 2>/dev/null; then
  say "npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi
say "ok ($what)"
