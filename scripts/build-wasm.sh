#!/usr/bin/env bash
# Builds the WebAssembly package the page and the tests load: www/pkg/
# (article_lens.js, article_lens_bg.wasm, article_lens.d.ts), optimized with
# wasm-opt, and copies the sample article to www/samples/. Prints the size of
# the .wasm, raw and gzipped. Run scripts/setup.sh first (serve.sh and test.sh do).
#
# Fails when the .wasm and its JS glue, gzipped, exceed the budget of issue 6
# (everything the page loads besides its own HTML, CSS and JS: at most
# 1,000,000 bytes gzipped); `node scripts/size-breakdown.mjs` says what takes
# the space.
#
# Environment: WASM_OPT_LEVEL (default -O3, see below); SKIP_WASM_OPT=1 to skip
# it; WASM_GZ_BUDGET (default 1000000, 0 for no check).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

out=www/pkg
cargo build --lib --target wasm32-unknown-unknown --release
target_dir=${CARGO_TARGET_DIR:-target}
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" \
  "$target_dir/wasm32-unknown-unknown/release/article_lens.wasm"

wasm="$out/article_lens_bg.wasm"
raw_before=$(wc -c <"$wasm")
if [ "${SKIP_WASM_OPT:-0}" != 1 ]; then
  # -O3 rather than -Oz: measured on the reference article, see README
  # "Speed and size"; -Oz and -Os are not even smaller once gzipped
  # (927,982 B at -O3, 928,224 at -Oz, 931,080 at -Os, 932,867 at -O4).
  # The producers and target-features sections are read by no browser.
  # The features are those rustc enables by default for
  # wasm32-unknown-unknown, plus simd128 (.cargo/config.toml); wasm-opt must
  # be told, or it rejects the module.
  # npm's binaryen (see setup.sh for why not Debian's).
  node_modules/.bin/wasm-opt "${WASM_OPT_LEVEL:--O3}" --strip-producers --strip-target-features --enable-simd \
    --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
fi

mkdir -p www/samples
cp tests/fixtures/blinken-baghdad.txt www/samples/blinken-baghdad.txt

raw=$(wc -c <"$wasm")
gz=$(gzip -9c "$wasm" | wc -c)
echo "www/pkg/article_lens_bg.wasm: $raw bytes raw ($raw_before before wasm-opt), $gz bytes gzipped (-9)"
echo "(what takes the space: node scripts/size-breakdown.mjs)"
glue=$(gzip -9c "$out/article_lens.js" | wc -c)
budget=${WASM_GZ_BUDGET:-1000000}
if [ "$budget" != 0 ] && [ $((gz + glue)) -gt "$budget" ]; then
  echo "build-wasm: the .wasm and its glue are $((gz + glue)) bytes gzipped, over the budget of $budget" >&2
  exit 1
fi
