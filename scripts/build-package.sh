#!/usr/bin/env bash
# Builds the npm package in dist/npm/ (ready for `npm pack dist/npm` or
# `npm publish dist/npm`):
#   package.json          name article-lens, the crate's version, exports for
#                         browsers ("default") and Node ("node"), types
#   README.md             scripts/package/README.md
#   article_lens.js       the wasm-bindgen glue (--target web), from www/pkg/
#   article_lens_bg.wasm  the optimized module, from www/pkg/
#   article_lens.d.ts     the types (+ article_lens_bg.wasm.d.ts)
#   node.js               the Node entry: init() reads the .wasm from disk
#   worker.js, analyze-worker.js, worker.d.ts   createAnalyzer(), from www/
# With PACK=1 it also runs `npm pack` and leaves dist/article-lens-X.Y.Z.tgz.
#
# Environment: SKIP_WASM=1 reuses an existing www/pkg/ instead of rebuilding it.
set -euo pipefail
cd "$(dirname "$0")/.."

out=dist/npm

if [ "${SKIP_WASM:-0}" = 1 ] && [ -f www/pkg/article_lens_bg.wasm ]; then
  echo "build-package: reusing www/pkg (SKIP_WASM=1)"
else
  bash scripts/build-wasm.sh
fi
for f in article_lens.js article_lens_bg.wasm article_lens.d.ts article_lens_bg.wasm.d.ts; do
  [ -f "www/pkg/$f" ] || { echo "build-package: www/pkg/$f was not built" >&2; exit 1; }
done

rm -rf "$out"
mkdir -p "$out"
cp www/pkg/{article_lens.js,article_lens_bg.wasm,article_lens.d.ts,article_lens_bg.wasm.d.ts} "$out/"
cp scripts/package/{README.md,node.js,worker.d.ts} "$out/"
cp www/worker.js "$out/worker.js"
# In www/ the glue is in pkg/; in the package it sits next to the worker.
sed "s#from './pkg/article_lens.js'#from './article_lens.js'#" www/analyze-worker.js >"$out/analyze-worker.js"
grep -q "from './article_lens.js'" "$out/analyze-worker.js" || {
  echo "build-package: could not point analyze-worker.js at the glue" >&2
  exit 1
}
for f in LICENSE LICENSE-MIT LICENSE-APACHE; do
  if [ -f "$f" ]; then cp "$f" "$out/"; fi
done

# package.json, with the crate's version and description so they never disagree.
node - "$out/package.json" <<'JS'
const fs = require('fs');
const cargo = fs.readFileSync('Cargo.toml', 'utf8');
const field = (name) => {
  const m = cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'));
  if (!m) throw new Error(`build-package: no ${name} in Cargo.toml`);
  return m[1];
};
const files = fs.readdirSync(process.argv[2].replace(/package\.json$/, ''));
const pkg = {
  name: 'article-lens',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  keywords: ['nlp', 'named-entity-recognition', 'quotes', 'attribution', 'news', 'webassembly', 'wasm'],
  type: 'module',
  main: './article_lens.js',
  types: './article_lens.d.ts',
  exports: {
    '.': {
      types: './article_lens.d.ts',
      node: './node.js',
      default: './article_lens.js',
    },
    './worker': {
      types: './worker.d.ts',
      default: './worker.js',
    },
    './analyze-worker.js': './analyze-worker.js',
    './article_lens_bg.wasm': './article_lens_bg.wasm',
    './package.json': './package.json',
  },
  files: files.filter((f) => f !== 'package.json').sort(),
  sideEffects: false,
  engines: { node: '>=18' },
};
fs.writeFileSync(process.argv[2], JSON.stringify(pkg, null, 2) + '\n');
JS

version=$(node -p 'require("./dist/npm/package.json").version')
echo "$out/: article-lens $version, $(find "$out" -type f | wc -l) files, $(du -sk "$out" | cut -f1) KiB"
if [ "${PACK:-0}" = 1 ]; then
  npm pack "./$out" --pack-destination dist --loglevel=warn
  echo "dist/article-lens-$version.tgz: $(wc -c <"dist/article-lens-$version.tgz") bytes"
fi
