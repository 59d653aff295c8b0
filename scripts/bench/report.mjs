// Prints the figures table of docs/benchmarks.md from the JSON that
// scripts/bench-wasm.mjs and scripts/bench-browser.mjs write with --json:
//
//   node scripts/bench/report.mjs NODE.json CHROMIUM.json
import { readFileSync } from 'node:fs';

const [node, chromium] = process.argv.slice(2).map((p) => JSON.parse(readFileSync(p, 'utf8')));
if (!node || !chromium) {
  console.error('usage: node scripts/bench/report.mjs NODE.json CHROMIUM.json');
  process.exit(2);
}
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const ms = (x) => `${f1(x)} ms`;
const mib = (x) => (Number.isFinite(x) ? `${(x / 2 ** 20).toFixed(1)} MiB` : 'n/a');
const budget = (ok) => (ok ? 'met' : '**not met**');

const rows = [];
const row = (what, n, c, target = '') => rows.push(`| ${what} | ${n} | ${c} | ${target} |`);

row('`.wasm` size, raw / gzipped (zlib level 9)', `${node.wasmBytes} / ${node.wasmGzipBytes} bytes`, 'same file', '');
row(
  'module ready (median of 7 loads)',
  `${ms(node.ready.total.median)} (compile ${ms(node.ready.compileMs)}, instantiate ${ms(node.ready.instantiateMs)})`,
  `${ms(chromium.ready.total.median)} (glue import ${ms(chromium.ready.importMs)}, init ${ms(chromium.ready.initMs)}); ` +
    `split: fetch ${ms(chromium.ready.split.fetchMs)}, compile ${ms(chromium.ready.split.compileMs)}, ` +
    `instantiate ${ms(chromium.ready.split.instantiateMs)}`,
  `< 30 ms: ${budget(chromium.ready.total.median < 30)} in Chromium`,
);
row('first `analyze` (reference article)', ms(node.firstMs), ms(chromium.firstMs));
if (chromium.returning) {
  const r = chromium.returning;
  row(
    'returning visit (HTTP cache + V8 code cache), median of 3: module ready / first call / calls 2-10',
    '',
    `${ms(r.readyMs)} / ${ms(r.firstMs)} / ${ms(r.calls2to10)}`,
    `< 30 ms: ${budget(r.readyMs < 30)}`,
  );
}
row(
  'next 200 calls (reference article): median of calls 2-10 / 11-50 / 51-201',
  `${ms(node.warmup.calls2to10)} / ${ms(node.warmup.calls11to50)} / ${ms(node.warmup.calls51on)}`,
  `${ms(chromium.warmup.calls2to10)} / ${ms(chromium.warmup.calls11to50)} / ${ms(chromium.warmup.calls51on)}`,
);
row(
  `throughput over ${node.corpus}, wall-clock (CPU time)`,
  `**${f2(node.lens.mbPerS)} MB/s** (${f2(node.lens.cpuMbPerS)})`,
  `**${f2(chromium.lens.mbPerS)} MB/s** (${f2(chromium.lens.cpuMbPerS)})`,
  `≥ 5 MB/s: ${budget(chromium.lens.mbPerS >= 5)}`,
);
row(
  'per article: median / p95 / max',
  `${ms(node.lens.median)} / ${ms(node.lens.p95)} / ${ms(node.lens.max)}`,
  `${ms(chromium.lens.median)} / ${ms(chromium.lens.p95)} / ${ms(chromium.lens.max)}`,
);
row(
  `reference article (${node.lensOne.chars} chars): median / p95 / mean`,
  `**${f2(node.lensOne.median)} ms** / ${f2(node.lensOne.p95)} ms / ${f2(node.lensOne.mean)} ms`,
  `**${f2(chromium.lensOne.median)} ms** / ${f2(chromium.lensOne.p95)} ms / ${f2(chromium.lensOne.mean)} ms`,
  `< 1 ms: ${budget(chromium.lensOne.median < 1)} at the median`,
);
row(
  'wasm linear memory: at ready / after the run (its peak)',
  `${mib(node.lensMemory.wasmMemoryAtReady)} / ${mib(node.lensMemory.wasmMemoryAfterRun)}`,
  `${mib(chromium.lensMemory.wasmMemoryAtReady)} / ${mib(chromium.lensMemory.wasmMemoryAfterRun)}`,
);
row(
  'JS heap / process',
  `heap used ${mib(node.lensMemory.heapUsed)}; process peak RSS ${mib(node.lensMemory.maxRss)} (Node included)`,
  `JSHeapUsedSize at most ${mib(chromium.lensMemory.jsHeapUsedMaxSampled)} (empty page ${mib(chromium.lensMemory.jsHeapUsedAtLoad)}); ` +
    `renderers' private memory ${mib(chromium.lensMemory.renderersPrivateAtLoad)} → ${mib(chromium.lensMemory.renderersPrivateAfterRun)}`,
);
row(
  `one document of ${node.big.chars} chars: time, wasm memory after`,
  `${ms(node.big.ms)}, ${mib(node.big.memory)}`,
  `${ms(chromium.big.ms)}, ${mib(chromium.big.memory)}`,
);
if (node.compromise && chromium.compromise) {
  const n = node.compromise;
  const c = chromium.compromise;
  row(
    `compromise ${n.version}: throughput, wall-clock (CPU time)`,
    `${f2(n.c.mbPerS)} MB/s (${f2(n.c.cpuMbPerS)})`,
    `${f2(c.c.mbPerS)} MB/s (${f2(c.c.cpuMbPerS)})`,
  );
  row(
    'compromise: per article median / p95; reference article median',
    `${ms(n.c.median)} / ${ms(n.c.p95)}; ${ms(n.cOne.median)}`,
    `${ms(c.c.median)} / ${ms(c.c.p95)}; ${ms(c.cOne.median)}`,
  );
  row(
    '**article-lens ÷ compromise**, throughput wall-clock (CPU time); reference article at the median',
    `**${f1(n.ratio)}x** (${f1(n.cpuRatio)}x); ${f1(n.cOne.median / node.lensOne.median)}x`,
    `**${f1(c.ratio)}x** (${f1(c.cpuRatio)}x); ${f1(c.cOne.median / chromium.lensOne.median)}x`,
    `≥ 50x: ${budget(Math.min(n.ratio, c.ratio) >= 50)}`,
  );
}
console.log('| what | Node | Chromium | budget |');
console.log('| --- | --- | --- | --- |');
console.log(rows.join('\n'));
console.log(
  `\nLoad average (1, 5, 15 min) at the start / end: Node ${node.load.map(f2).join(' ')} / ${node.loadAfter.map(f2).join(' ')}; ` +
    `Chromium ${chromium.load.map(f2).join(' ')} / ${chromium.loadAfter.map(f2).join(' ')}.`,
);
