// Times the shipped WebAssembly module (www/pkg) in Node, and compromise beside
// it in the same process on the same articles. Run after scripts/build-wasm.sh:
//
//   node scripts/bench-wasm.mjs [--quick] [--no-compromise] [--passes N] [--json FILE]
//
// Reports, for article-lens: module ready = importing the glue, reading the
// .wasm, compiling it (new WebAssembly.Module; V8 compiles lazily, so the
// first calls pay for part of it) and instantiating it (initSync, which also
// runs the start function), median of 7; the first analyze() call (builds
// the word tables and decodes the name model) and the next 200 (V8 tiering
// up, see warmupCurve in scripts/bench/measure.js); then over the articles
// (PolNeAR dev from ../shared/data when present, else the reference article;
// see scripts/bench/articles.mjs) the median and p95 time per article and the
// throughput in MB/s (UTF-8 bytes over the sum of the call times, one core),
// the time for the ~2,400-character reference article, and memory: the wasm
// linear memory (it never shrinks, so its size after the run is its peak),
// process.memoryUsage() and the peak resident set (resourceUsage().maxRSS);
// then one ~1 MB document (the articles joined) and the memory after it.
// Then the same for compromise (scripts/bench/measure.js says what it is
// asked to do) and the ratio of throughputs.
//
// --quick: the reference article only, few runs (a smoke run for scripts/test.sh).
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { loadArticles, reference, repoRoot } from './bench/articles.mjs';
import {
  articlesLine,
  compromiseAnalyze,
  compromiseCount,
  longText,
  mib,
  ms,
  oneLine,
  stats,
  timeArticles,
  timeOne,
  warmupCurve,
  warmupLine,
} from './bench/measure.js';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const quick = flag('--quick');
const passes = Number(value('--passes', quick ? 1 : 10));
const withCompromise = !flag('--no-compromise');
const jsonOut = value('--json');

/**
 * Runs `warm()`, then `timed()`, and adds to its result `cpuMbPerS`: its bytes
 * over the process's CPU time (process.cpuUsage, all threads, user + system)
 * while it ran, which a busy machine disturbs less than wall-clock time.
 */
function withCpu(timed, warm) {
  warm();
  const before = process.cpuUsage();
  const result = timed();
  const used = process.cpuUsage(before);
  const cpu = (used.user + used.system) / 1e6;
  return { ...result, cpuSeconds: cpu, cpuMbPerS: result.totalBytes / 1e6 / cpu };
}

const corpus = loadArticles({ quick });
const results = { where: 'node', node: process.version, corpus: corpus.name, load: loadavg() };
console.log(`node ${process.version}, ${corpus.name}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

// --- article-lens -----------------------------------------------------------
// Module ready, several times: each import with its own query string is a new
// instance of the glue module, so each gets its own wasm instance.
const loads = quick ? 1 : 7;
const readies = [];
let glue;
let exports;
let bytes;
for (let i = 0; i < loads; i++) {
  const t0 = performance.now();
  glue = await import(`${new URL('www/pkg/article_lens.js', `file://${repoRoot}`).href}?load=${i}`);
  const t1 = performance.now();
  bytes = readFileSync(`${repoRoot}www/pkg/article_lens_bg.wasm`);
  const t2 = performance.now();
  const module = new WebAssembly.Module(bytes);
  const t3 = performance.now();
  exports = glue.initSync({ module });
  const t4 = performance.now();
  readies.push({ importMs: t1 - t0, readMs: t2 - t1, compileMs: t3 - t2, instantiateMs: t4 - t3, total: t4 - t0 });
}
const median = (key) => stats(readies.map((r) => r[key])).median;
const ready = {
  loads,
  total: stats(readies.map((r) => r.total)),
  importMs: median('importMs'),
  readMs: median('readMs'),
  compileMs: median('compileMs'),
  instantiateMs: median('instantiateMs'),
};
results.wasmBytes = bytes.length;
results.wasmGzipBytes = gzipSync(bytes, { level: 9 }).length;
const memory = exports.memory;
const memoryAtReady = memory.buffer.byteLength;
console.log(
  `module ready (import glue, read, compile, instantiate): median ${ms(ready.total.median)}, max ${ms(ready.total.max)} ` +
    `over ${loads} loads (import ${ms(ready.importMs)}, read ${bytes.length} bytes ${ms(ready.readMs)}, ` +
    `compile ${ms(ready.compileMs)}, instantiate ${ms(ready.instantiateMs)})`,
);

let t;
t = performance.now();
const firstAnalysis = glue.analyze(reference);
const firstMs = performance.now() - t;
if (!(firstAnalysis.entities.length > 0)) throw new Error('article-lens found no entity in the reference article');
console.log(`first analyze (reference article, ${reference.length} chars): ${ms(firstMs)}`);
const warmup = warmupCurve(glue.analyze, reference, quick ? 20 : 200);
console.log(warmupLine(warmup));

const lens = withCpu(() => timeArticles(glue.analyze, corpus.texts, { passes, warmup: 0 }), () =>
  timeArticles(glue.analyze, corpus.texts, { passes: 0, warmup: 1 }),
);
console.log(articlesLine(`article-lens wasm over ${corpus.name}`, lens));
const lensOne = timeOne(glue.analyze, reference, { runs: quick ? 20 : 500, warmup: quick ? 2 : 50 });
console.log(oneLine('article-lens wasm, reference article', lensOne));

const usage = process.memoryUsage();
const lensMemory = {
  wasmMemoryAtReady: memoryAtReady,
  wasmMemoryAfterRun: memory.buffer.byteLength,
  heapUsed: usage.heapUsed,
  external: usage.external,
  rss: usage.rss,
  maxRss: process.resourceUsage().maxRSS * 1024,
};
console.log(
  `memory: wasm linear memory ${mib(lensMemory.wasmMemoryAtReady)} at ready, ${mib(lensMemory.wasmMemoryAfterRun)} ` +
    `after the run (= its peak); JS heap used ${mib(usage.heapUsed)}, external ${mib(usage.external)}; ` +
    `process RSS ${mib(usage.rss)}, peak RSS ${mib(lensMemory.maxRss)} (Node itself included)`,
);
Object.assign(results, { ready, firstMs, warmup, lens, lensOne, lensMemory });

const big = longText(corpus.texts, quick ? 100_000 : 1_000_000);
t = performance.now();
const bigEntities = glue.analyze(big).entities.length;
results.big = { chars: big.length, ms: performance.now() - t, memory: memory.buffer.byteLength };
console.log(
  `one document of ${big.length} chars: ${ms(results.big.ms)} (${bigEntities} entities); ` +
    `wasm linear memory then ${mib(results.big.memory)}, peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}`,
);

// --- compromise -------------------------------------------------------------
if (withCompromise) {
  t = performance.now();
  const nlp = (await import('compromise')).default;
  const cImportMs = performance.now() - t;
  const cVersion = nlp.version;
  t = performance.now();
  const cFirst = compromiseAnalyze(nlp, reference);
  const cFirstMs = performance.now() - t;
  if (!(compromiseCount(cFirst) > 0)) throw new Error('compromise found nothing in the reference article');
  console.log(`compromise ${cVersion}: import ${ms(cImportMs)}, first call ${ms(cFirstMs)}`);
  const cFn = (text) => compromiseAnalyze(nlp, text);
  const cPasses = quick ? 1 : Math.max(1, Math.ceil(passes / 4));
  const c = withCpu(
    () => timeArticles(cFn, corpus.texts, { passes: cPasses, warmup: 0 }),
    () => timeArticles(cFn, corpus.texts, { passes: 0, warmup: 1 }),
  );
  console.log(articlesLine(`compromise over ${corpus.name}`, c));
  const cOne = timeOne((text) => compromiseAnalyze(nlp, text), reference, {
    runs: quick ? 5 : 100,
    warmup: quick ? 1 : 10,
  });
  console.log(oneLine('compromise, reference article', cOne));
  const ratio = lens.mbPerS / c.mbPerS;
  const cpuRatio = lens.cpuMbPerS / c.cpuMbPerS;
  console.log(
    `article-lens / compromise throughput: ${ratio.toFixed(1)}x over ${corpus.name} ` +
      `(${cpuRatio.toFixed(1)}x in CPU time); ` +
      `${(cOne.median / lensOne.median).toFixed(1)}x at the median on the reference article`,
  );
  Object.assign(results, { compromise: { version: cVersion, importMs: cImportMs, firstMs: cFirstMs, c, cOne, ratio, cpuRatio } });
}
results.loadAfter = loadavg();
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, (k, v) => (k === 'times' ? undefined : v), 2)}\n`);
