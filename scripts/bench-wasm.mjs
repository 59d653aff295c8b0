// Times the shipped WebAssembly module (www/pkg) from Node on the reference
// article: instantiation, the first call, then the median and 95th percentile
// of repeated calls. Run after scripts/build-wasm.sh:
//   node scripts/bench-wasm.mjs [FILE] [RUNS]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const root = new URL('../', import.meta.url);
const file = process.argv[2] ?? new URL('tests/fixtures/blinken-baghdad.txt', root);
const runs = Number(process.argv[3] ?? 200);
const text = readFileSync(file, 'utf8');
const bytes = readFileSync(new URL('www/pkg/article_lens_bg.wasm', root));

let t = performance.now();
const lens = await import(new URL('www/pkg/article_lens.js', root).href);
lens.initSync({ module: bytes });
const init = performance.now() - t;
t = performance.now();
lens.analyze(text);
const first = performance.now() - t;
const times = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  lens.analyze(text);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(runs / 2)];
const p95 = times[Math.floor(runs * 0.95)];
const f = (x) => x.toFixed(2);
console.log(
  `${text.length} chars: init ${f(init)} ms, first call ${f(first)} ms, ` +
    `median ${f(median)} ms, p95 ${f(p95)} ms over ${runs} runs ` +
    `(${Math.round(text.length / median / 1000)} M chars/s at the median)`,
);
