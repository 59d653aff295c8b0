// Times the shipped WebAssembly module (www/pkg) inside headless Chromium
// (Debian's, through tests/browser/chromium.mjs: nothing is downloaded), and
// compromise's browser build beside it in the same page on the same articles.
// Run after scripts/build-wasm.sh:
//
//   node scripts/bench-browser.mjs [--quick] [--no-compromise] [--passes N] [--json FILE]
//
// The repository is served on 127.0.0.1 (tests/browser/server.js, every
// response `cache-control: no-store`, so the .wasm is fetched and compiled
// anew on each load) and every figure is taken with performance.now() inside
// the page:
// - module ready: `import()` of the wasm-bindgen glue, then its `init()`,
//   which fetches the .wasm, compiles it while streaming
//   (WebAssembly.instantiateStreaming) and instantiates it; median of several
//   fresh page loads. One more load splits it: fetch + arrayBuffer,
//   WebAssembly.compile, instantiate. V8 compiles lazily and tiers up while
//   the code runs, so part of the compiling is paid by the first calls.
// - a returning visit: the same from a server whose responses may be cached,
//   so that Chromium's HTTP cache and V8's WebAssembly code cache serve the
//   second and later visits (median of three): module ready, first call and
//   the warm-up after it.
// - the first analyze() (the reference article): builds the word tables and
//   decodes the name model; then the next 200 calls (V8 tiering up, see
//   warmupCurve in scripts/bench/measure.js).
// - per article over the corpus (PolNeAR dev from ../shared/data when
//   present, else the reference article; scripts/bench/articles.mjs):
//   median and p95 per call, throughput = UTF-8 bytes / sum of call times.
// - the ~2,400-character reference article: median and p95 of repeated calls.
// - memory: the wasm linear memory (WebAssembly.Memory byteLength, which only
//   grows, so its size after the run is its peak); the page's JS heap from
//   CDP Performance.getMetrics (JSHeapUsedSize sampled after each pass, the
//   largest sample reported, and after a forced garbage collection); the
//   private memory of the renderer processes from /proc on Linux (on the
//   empty page of a fresh browser and after the run; see renderersPrivate).
//   Then one ~1 MB document, and the memory after it.
// - compromise: the same measures for scripts/bench/measure.js's
//   compromiseAnalyze and the ratio of throughputs.
//
// --quick: the reference article only, one page load, few runs (the smoke run
// of scripts/test.sh).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { serve } from '../tests/browser/server.js';
import { launch } from '../tests/browser/chromium.mjs';
import { loadArticles, reference, repoRoot } from './bench/articles.mjs';
import { serveCached } from './bench/cached-server.mjs';
import { articlesLine, combine, longText, mib, ms, oneLine, stats, warmupLine } from './bench/measure.js';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const quick = flag('--quick');
const passes = Number(value('--passes', quick ? 1 : 10));
const loads = quick ? 1 : 7;
const withCompromise = !flag('--no-compromise');
const jsonOut = value('--json');

/**
 * The private memory (USS: Private_Clean + Private_Dirty of
 * /proc/PID/smaps_rollup, bytes) of all this browser's renderer processes
 * added up, or null off Linux. Chromium starts more than one renderer (the
 * first blank page, a spare) and /proc cannot tell which one holds the page,
 * so all are counted; the idle ones stay flat, so the growth is the page's.
 * RSS would count the shared Chromium binary again in each.
 */
function renderersPrivate() {
  try {
    const parent = new Map();
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        parent.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      } catch {
        // the process ended meanwhile
      }
    }
    const mine = (pid) => {
      for (let p = pid, depth = 0; p && p !== '0' && depth < 20; p = parent.get(p), depth++) {
        if (p === String(process.pid)) return true;
      }
      return false;
    };
    let total = 0;
    let count = 0;
    for (const pid of parent.keys()) {
      if (!mine(pid)) continue;
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
        const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        const kb = (key) => Number(rollup.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
        total += kb('Private_Clean') + kb('Private_Dirty');
        count++;
      } catch {
        // the process ended meanwhile
      }
    }
    return count ? total : null;
  } catch {
    return null;
  }
}

/**
 * Adds `cpuMbPerS` to a result: its bytes over the main thread's CPU time
 * (CDP ThreadTime) from the first to the last of `samples`, which is less
 * disturbed than wall-clock time by other processes on a busy machine (it
 * includes the few page.evaluate round trips between passes).
 */
function withCpu(result, samples) {
  const cpu = samples[samples.length - 1].threadTime - samples[0].threadTime;
  return { ...result, cpuSeconds: cpu, cpuMbPerS: result.totalBytes / 1e6 / cpu };
}

const corpus = loadArticles({ quick });
const results = { where: 'chromium', corpus: corpus.name, load: loadavg() };
const server = await serve(repoRoot);
// One browser for the page loads that time the module, a fresh one for the
// run, so that the renderer's memory figures are the run's alone.
let browser = await launch();
let { page, problems } = browser;
const pageUrl = `${server.url}scripts/bench/page.html`;
const ok = () => {
  if (problems.length) throw new Error(problems.join('\n'));
};

try {
  results.chromium = browser.context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
  console.log(
    `${results.chromium}, ${corpus.name}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  );
  let cdp;
  const heap = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map(({ name, value }) => [name, value]));
    return { used: m.JSHeapUsedSize, total: m.JSHeapTotalSize, threadTime: m.ThreadTime };
  };

  // --- module ready: fresh page loads ----------------------------------------
  const readies = [];
  for (let i = 0; i < loads; i++) {
    await page.goto(pageUrl);
    readies.push(
      await page.evaluate(async () => {
        const t0 = performance.now();
        const glue = await import('/www/pkg/article_lens.js');
        const t1 = performance.now();
        await glue.default();
        const t2 = performance.now();
        return { importMs: t1 - t0, initMs: t2 - t1, total: t2 - t0 };
      }),
    );
  }
  ok();
  const ready = {
    loads: readies.length,
    total: stats(readies.map((r) => r.total)),
    importMs: stats(readies.map((r) => r.importMs)).median,
    initMs: stats(readies.map((r) => r.initMs)).median,
  };
  await page.goto(pageUrl);
  ready.split = await page.evaluate(async () => {
    const t0 = performance.now();
    const glue = await import('/www/pkg/article_lens.js');
    const t1 = performance.now();
    const bytes = await (await fetch('/www/pkg/article_lens_bg.wasm')).arrayBuffer();
    const t2 = performance.now();
    const module = await WebAssembly.compile(bytes);
    const t3 = performance.now();
    await glue.default({ module_or_path: module });
    const t4 = performance.now();
    return { importMs: t1 - t0, fetchMs: t2 - t1, compileMs: t3 - t2, instantiateMs: t4 - t3, bytes: bytes.byteLength };
  });
  console.log(
    `module ready (import glue + init: fetch, streaming compile, instantiate): median ${ms(ready.total.median)}, ` +
      `max ${ms(ready.total.max)} over ${ready.loads} page loads (import ${ms(ready.importMs)}, init ${ms(ready.initMs)}); ` +
      `split: fetch ${ready.split.bytes} bytes ${ms(ready.split.fetchMs)}, compile ${ms(ready.split.compileMs)}, ` +
      `instantiate ${ms(ready.split.instantiateMs)}`,
  );
  results.ready = ready;

  // --- a returning visit: HTTP cache and V8's code cache ------------------------
  // The loads above are first visits (no-store). A site's .wasm is normally
  // cacheable; Chromium then keeps V8's optimized code for it too (written a
  // few seconds after the module has warmed up), and a returning visit starts
  // from that code. A fresh browser, a server with max-age, one first visit
  // and three returning ones.
  if (!quick) {
    ok();
    await browser.close();
    browser = await launch();
    ({ page, problems } = browser);
    const cached = await serveCached(repoRoot);
    const visits = [];
    try {
      for (let i = 0; i < 4; i++) {
        await page.goto(`${cached.url}scripts/bench/page.html`);
        visits.push(
          await page.evaluate(async (text) => {
            const t0 = performance.now();
            const glue = await import('/www/pkg/article_lens.js');
            await glue.default();
            const t1 = performance.now();
            glue.analyze(text);
            const t2 = performance.now();
            const M = await import('/scripts/bench/measure.js');
            return { readyMs: t1 - t0, firstMs: t2 - t1, warmup: M.warmupCurve(glue.analyze, text, 200) };
          }, reference),
        );
        // V8 writes its code cache once no new function has been optimized
        // for a while (--wasm-caching-timeout-ms, 2 s by default).
        await new Promise((done) => setTimeout(done, 3000));
      }
    } finally {
      await cached.close();
    }
    ok();
    const line = (v) =>
      `ready ${ms(v.readyMs)}, first call ${ms(v.firstMs)}, calls 2-10 ${ms(v.warmup.calls2to10)}, ` +
      `11-50 ${ms(v.warmup.calls11to50)}, 51-201 ${ms(v.warmup.calls51on)}`;
    console.log(`first visit, cacheable responses: ${line(visits[0])}`);
    visits.slice(1).forEach((v, i) => console.log(`returning visit ${i + 1}: ${line(v)}`));
    const returning = visits.slice(1);
    results.returning = {
      first: visits[0],
      visits: returning,
      readyMs: stats(returning.map((v) => v.readyMs)).median,
      firstMs: stats(returning.map((v) => v.firstMs)).median,
      calls2to10: stats(returning.map((v) => v.warmup.calls2to10)).median,
    };
  }

  // --- article-lens in one page of a fresh browser ---------------------------
  ok();
  await browser.close();
  browser = await launch();
  ({ page, problems } = browser);
  cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(pageUrl);
  const rendererAtLoad = renderersPrivate();
  const heapAtLoad = await heap();
  const start = await page.evaluate(async () => {
    const t0 = performance.now();
    const glue = await import('/www/pkg/article_lens.js');
    const exports = await glue.default();
    const t1 = performance.now();
    window.lens = glue;
    window.wasmMemory = exports.memory;
    window.M = await import('/scripts/bench/measure.js');
    return { readyMs: t1 - t0, memory: exports.memory.buffer.byteLength };
  });
  await page.evaluate((texts) => {
    window.texts = texts;
  }, corpus.texts);
  const first = await page.evaluate((text) => {
    const t = performance.now();
    const analysis = window.lens.analyze(text);
    return { ms: performance.now() - t, entities: analysis.entities.length, memory: window.wasmMemory.buffer.byteLength };
  }, reference);
  if (!(first.entities > 0)) throw new Error('article-lens found no entity in the reference article');
  console.log(`first analyze (reference article, ${reference.length} chars): ${ms(first.ms)}`);
  const warmup = await page.evaluate(([text, n]) => M.warmupCurve(lens.analyze, text, n), [reference, quick ? 20 : 200]);
  console.log(warmupLine(warmup));

  const runPass = (warmup) =>
    page.evaluate((warmup) => M.timeArticles(lens.analyze, texts, { passes: warmup ? 0 : 1, warmup: warmup ? 1 : 0 }), warmup);
  await runPass(true);
  const pass = [];
  const heapSamples = [await heap()];
  for (let p = 0; p < passes; p++) {
    pass.push(await runPass(false));
    heapSamples.push(await heap());
  }
  const lens = withCpu(combine(pass), heapSamples);
  console.log(articlesLine(`article-lens wasm over ${corpus.name}`, lens));
  const lensOne = await page.evaluate(
    ([text, quick]) => M.timeOne(lens.analyze, text, { runs: quick ? 20 : 500, warmup: quick ? 2 : 50 }),
    [reference, quick],
  );
  console.log(oneLine('article-lens wasm, reference article', lensOne));
  heapSamples.push(await heap());
  const wasmAfterRun = await page.evaluate(() => wasmMemory.buffer.byteLength);
  await cdp.send('HeapProfiler.collectGarbage');
  const heapAfterGc = await heap();
  const rendererAfterRun = renderersPrivate();
  const lensMemory = {
    wasmMemoryAtReady: start.memory,
    wasmMemoryAfterFirst: first.memory,
    wasmMemoryAfterRun: wasmAfterRun,
    jsHeapUsedAtLoad: heapAtLoad.used,
    jsHeapUsedMaxSampled: Math.max(...heapSamples.map((h) => h.used)),
    jsHeapUsedAfterGc: heapAfterGc.used,
    renderersPrivateAtLoad: rendererAtLoad,
    renderersPrivateAfterRun: rendererAfterRun,
  };
  console.log(
    `memory: wasm linear memory ${mib(start.memory)} at ready, ${mib(first.memory)} after the first call, ` +
      `${mib(wasmAfterRun)} after the run (= its peak); JS heap used ${mib(heapAtLoad.used)} on the empty page, ` +
      `at most ${mib(lensMemory.jsHeapUsedMaxSampled)} sampled after each pass, ${mib(heapAfterGc.used)} after GC` +
      (rendererAfterRun !== null
        ? `; renderers' private memory ${mib(rendererAtLoad)} on the empty page, ${mib(rendererAfterRun)} after the run`
        : ''),
  );
  Object.assign(results, { readyInRunPage: start.readyMs, firstMs: first.ms, warmup, lens, lensOne, lensMemory });

  // --- one ~1 MB document -------------------------------------------------------
  const big = longText(corpus.texts, quick ? 100_000 : 1_000_000);
  const bigResult = await page.evaluate((text) => {
    const t = performance.now();
    const analysis = lens.analyze(text);
    return {
      chars: text.length,
      ms: performance.now() - t,
      entities: analysis.entities.length,
      memory: wasmMemory.buffer.byteLength,
    };
  }, big);
  const rendererAfterBig = renderersPrivate();
  console.log(
    `one document of ${bigResult.chars} chars: ${ms(bigResult.ms)} (${bigResult.entities} entities); ` +
      `wasm linear memory then ${mib(bigResult.memory)}` +
      (rendererAfterBig !== null ? `, renderers' private memory ${mib(rendererAfterBig)}` : ''),
  );
  results.big = { ...bigResult, renderersPrivate: rendererAfterBig };
  ok();

  // --- compromise in the same page ---------------------------------------------
  if (withCompromise) {
    const cStart = await page.evaluate(async (text) => {
      let t = performance.now();
      // The UMD build (package.json "unpkg"), as a page would load it; it
      // sets window.nlp. (The .mjs build is the same code, but the test
      // server sends .mjs without a JavaScript MIME type.)
      await new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/node_modules/compromise/builds/compromise.js';
        script.onload = resolve;
        script.onerror = () => reject(new Error(`cannot load ${script.src}`));
        document.head.append(script);
      });
      const nlp = window.nlp;
      const importMs = performance.now() - t;
      window.compromise = (text) => M.compromiseAnalyze(nlp, text);
      t = performance.now();
      const found = M.compromiseCount(compromise(text));
      return { version: nlp.version, importMs, firstMs: performance.now() - t, found };
    }, reference);
    if (!(cStart.found > 0)) throw new Error('compromise found nothing in the reference article');
    console.log(`compromise ${cStart.version}: import ${ms(cStart.importMs)}, first call ${ms(cStart.firstMs)}`);
    const cPass = (warmup) =>
      page.evaluate((warmup) => M.timeArticles(compromise, texts, { passes: warmup ? 0 : 1, warmup: warmup ? 1 : 0 }), warmup);
    await cPass(true);
    const cPasses = [];
    const cHeap = [await heap()];
    for (let p = 0; p < (quick ? 1 : Math.max(1, Math.ceil(passes / 4))); p++) {
      cPasses.push(await cPass(false));
      cHeap.push(await heap());
    }
    const c = withCpu(combine(cPasses), cHeap);
    console.log(articlesLine(`compromise over ${corpus.name}`, c));
    const cOne = await page.evaluate(
      ([text, quick]) => M.timeOne(compromise, text, { runs: quick ? 5 : 100, warmup: quick ? 1 : 10 }),
      [reference, quick],
    );
    console.log(oneLine('compromise, reference article', cOne));
    const ratio = lens.mbPerS / c.mbPerS;
    const cpuRatio = lens.cpuMbPerS / c.cpuMbPerS;
    console.log(
      `article-lens / compromise throughput: ${ratio.toFixed(1)}x over ${corpus.name} ` +
      `(${cpuRatio.toFixed(1)}x in CPU time); ` +
        `${(cOne.median / lensOne.median).toFixed(1)}x at the median on the reference article; ` +
        `JS heap used at most ${mib(Math.max(...cHeap.map((h) => h.used)))} sampled after each compromise pass`,
    );
    results.compromise = { ...cStart, c, cOne, ratio, cpuRatio, jsHeapUsedMaxSampled: Math.max(...cHeap.map((h) => h.used)) };
  }
  ok();
} finally {
  await browser.close();
  await server.close();
}
results.loadAfter = loadavg();
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(results, (k, v) => (k === 'times' ? undefined : v), 2)}\n`);
