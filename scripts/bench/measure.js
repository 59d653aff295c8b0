// What the benchmarks measure, written once for Node (scripts/bench-wasm.mjs)
// and for the Chromium page (scripts/bench-browser.mjs imports this file into
// the page): timing a function over a list of articles, the statistics
// reported, and the compromise workload that stands beside article-lens.
//
// Only standard APIs (performance.now, TextEncoder) so that the same code runs
// in both places and the two sets of figures mean the same thing.

const encoder = new TextEncoder();

/** The length of `text` in UTF-8 bytes (what "MB/s" counts, 1 MB = 10^6 bytes). */
export function utf8Length(text) {
  return encoder.encode(text).length;
}

/** Mean, median, 95th percentile, min and max of a list of times in ms. */
export function stats(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: sorted.length,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    median: at(0.5),
    p95: at(0.95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/**
 * Calls `fn(text)` on every article `passes` times (after `warmup` untimed
 * passes) and times each call. Throughput is the UTF-8 bytes of all timed calls
 * over the sum of their times, so it is per core and excludes the harness.
 * `onPass(i)` runs after each timed pass (for memory samples).
 */
export function timeArticles(fn, texts, { passes = 5, warmup = 1, onPass = () => {} } = {}) {
  const bytes = texts.map(utf8Length);
  for (let w = 0; w < warmup; w++) for (const text of texts) fn(text);
  const times = [];
  let totalMs = 0;
  let totalBytes = 0;
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < texts.length; i++) {
      const t = performance.now();
      fn(texts[i]);
      const dt = performance.now() - t;
      times.push(dt);
      totalMs += dt;
      totalBytes += bytes[i];
    }
    onPass(p);
  }
  return summarize(times, totalMs, totalBytes);
}

/** The statistics of per-call `times` (kept in `times`) and the throughput. */
export function summarize(times, totalMs, totalBytes) {
  return { ...stats(times), totalMs, totalBytes, mbPerS: totalBytes / 1e6 / (totalMs / 1e3), times };
}

/** Adds up `timeArticles` results (passes run as separate calls). */
export function combine(results) {
  const times = results.flatMap((r) => r.times);
  const sum = (key) => results.reduce((n, r) => n + r[key], 0);
  return summarize(times, sum('totalMs'), sum('totalBytes'));
}

/** `texts` joined by blank lines and repeated to at least `n` characters. */
export function longText(texts, n) {
  const parts = [];
  let length = 0;
  while (length < n) {
    for (const text of texts) {
      parts.push(text);
      length += text.length + 2;
      if (length >= n) break;
    }
  }
  return parts.join('\n\n');
}

/** Times `runs` calls of `fn(text)` on one text after `warmup` untimed calls. */
export function timeOne(fn, text, { runs = 300, warmup = 20 } = {}) {
  for (let i = 0; i < warmup; i++) fn(text);
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(text);
    times.push(performance.now() - t);
  }
  return { chars: text.length, ...stats(times) };
}

/**
 * What article-lens does, as far as compromise's core ("compromise", the
 * "three" build, no plugins) can: tag the text, then select people, places,
 * organizations, quotations, money, percentages and dates, each with its
 * character offsets. compromise's core has no `.dates()` (that is the
 * compromise-dates plugin), so dates are the runs of words its tagger marks
 * `#Date`. It does not attribute quotes to speakers nor group mentions into a
 * cast list, which article-lens also does: the comparison is generous to it.
 */
export function compromiseAnalyze(nlp, text) {
  const doc = nlp(text);
  const opts = { offset: true, terms: false };
  return {
    people: doc.people().json(opts),
    places: doc.places().json(opts),
    organizations: doc.organizations().json(opts),
    quotations: doc.quotations().json(opts),
    money: doc.money().json(opts),
    percentages: doc.percentages().json(opts),
    dates: doc.match('#Date+').json(opts),
  };
}

/** The number of spans a `compromiseAnalyze` result found, for a sanity check. */
export function compromiseCount(result) {
  return Object.values(result).reduce((n, list) => n + list.length, 0);
}

/**
 * The `n` calls of `fn(text)` after the first on a fresh module (calls 2 to
 * n + 1), timed one by one: V8
 * runs new WebAssembly code in its baseline compiler (Liftoff) and moves hot
 * functions to the optimizing one (TurboFan) in the background, so the early
 * calls are slower than the steady state. Returns the median of calls 2-10,
 * 11-50 and 51 on, and the time all `n` took.
 */
export function warmupCurve(fn, text, n = 200) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn(text);
    times.push(performance.now() - t);
  }
  // times[i] is call i + 2.
  const window = (from, to) => (from <= n + 1 ? stats(times.slice(from - 2, to - 1)).median : NaN);
  return {
    n,
    calls2to10: window(2, 10),
    calls11to50: window(11, 50),
    calls51on: window(51, n + 1),
    totalMs: times.reduce((a, b) => a + b, 0),
  };
}

/** One line for a `warmupCurve` result (after the first call). */
export function warmupLine(r) {
  return (
    `warm-up, the next ${r.n} calls on the reference article: median ${ms(r.calls2to10)} for calls 2-10, ` +
    `${ms(r.calls11to50)} for 11-${Math.min(50, r.n + 1)}` +
    (r.n > 49 ? `, ${ms(r.calls51on)} for 51-${r.n + 1}` : '') +
    `; ${ms(r.totalMs)} in all`
  );
}

/** Formats a number of ms with two decimals. */
export const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(2)} ms` : 'n/a');

/** Formats a byte count in MiB (2^20) with one decimal. */
export const mib = (x) => `${(x / 2 ** 20).toFixed(1)} MiB`;

/** One line for a `timeArticles` result. */
export function articlesLine(name, r) {
  const cpu = r.cpuMbPerS ? ` (${r.cpuMbPerS.toFixed(2)} MB/s of CPU time)` : '';
  return (
    `${name}: ${r.mbPerS.toFixed(2)} MB/s${cpu}; per article median ${ms(r.median)}, ` +
    `p95 ${ms(r.p95)}, max ${ms(r.max)} (${r.n} calls, ${(r.totalBytes / 1e6).toFixed(2)} MB)`
  );
}

/** One line for a `timeOne` result. */
export function oneLine(name, r) {
  return (
    `${name} (${r.chars} chars): median ${ms(r.median)}, p95 ${ms(r.p95)}, mean ${ms(r.mean)}, ` +
    `min ${ms(r.min)} over ${r.n} runs`
  );
}
