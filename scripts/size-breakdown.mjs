#!/usr/bin/env node
// What takes the space in the shipped WebAssembly module, and what the page
// loads in all: prints the model, the word lists, the other data, the code
// (and, when the module has a name section, the code by crate), raw and
// gzipped (-9), then the page's total.
//
//   node scripts/size-breakdown.mjs [WASM] [--crates]
//
// WASM defaults to www/pkg/article_lens_bg.wasm (build it first with
// scripts/build-wasm.sh). The shipped module has no function names, so
// --crates rebuilds them: it runs wasm-bindgen and wasm-opt (same flags as
// build-wasm.sh, plus -g to keep names) on the rustc output in
// target/wasm32-unknown-unknown/release/ into a temporary directory and
// splits that module's code by the crate each function comes from. That
// split is approximate: a function inlined into another counts for the
// caller's crate (closures called through `core::ops::function::FnOnce`, such
// as the lazily built tables, count as `core`).
//
// How parts are found: each embedded file (models/ner.bin or the flat layout
// build.rs makes of it, the patterns build.rs compiles, data/lexicons/*.txt
// or the tables build.rs makes of them) is looked up byte for byte in the
// module's data segments; what is left of the data is "other data" (string
// constants, Unicode tables, the standard library's tables). "gz alone" is each part gzipped on
// its own, so the parts add up to a little more than the module gzipped whole
// (gzip finds fewer repeats across part boundaries).
import { readFileSync, readdirSync, mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const crates = args.includes('--crates');
const wasmPath = args.find((a) => !a.startsWith('--')) ?? join(root, 'www/pkg/article_lens_bg.wasm');

// gzip -9, as build-wasm.sh reports (zlib's level 9 is within about 1% of it).
const gz = (buf) => {
  try {
    return execFileSync('gzip', ['-9c'], { input: buf, maxBuffer: 1 << 28 }).length;
  } catch {
    return gzipSync(buf, { level: 9 }).length;
  }
};
const fmt = (n) => n.toLocaleString('en-US');

/** Sections of a module: { id, name, start, end } (payload bounds). */
function sections(b) {
  if (b.readUInt32LE(0) !== 0x6d736100) throw new Error(`${wasmPath}: not a WebAssembly module`);
  const out = [];
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let x;
    do {
      x = b[p++];
      r += (x & 0x7f) * 2 ** s;
      s += 7;
    } while (x & 0x80);
    return r;
  };
  while (p < b.length) {
    const id = b[p++];
    const size = leb();
    const start = p;
    let name = '';
    if (id === 0) {
      const l = leb();
      name = b.subarray(p, p + l).toString();
    }
    out.push({ id, name, start, end: start + size });
    p = start + size;
  }
  return out;
}

/** A cursor over a byte buffer reading LEB128 integers. */
function cursor(b, p) {
  return {
    get pos() {
      return p;
    },
    set pos(v) {
      p = v;
    },
    leb() {
      let r = 0;
      let s = 0;
      let x;
      do {
        x = b[p++];
        r += (x & 0x7f) * 2 ** s;
        s += 7;
      } while (x & 0x80);
      return r;
    },
    byte() {
      return b[p++];
    },
  };
}

/**
 * The initial memory the data segments write, from the lowest address any
 * writes to the highest (wasm-opt splits segments at runs of zeros, so the
 * segments alone are not contiguous), and the number of bytes the segments
 * hold.
 */
function dataBytes(b, sec) {
  const c = cursor(b, sec.start);
  const n = c.leb();
  const segs = [];
  for (let i = 0; i < n; i++) {
    const flags = c.leb();
    if (flags === 2) c.leb(); // memory index
    let at = 0;
    if (flags !== 1) {
      // The offset: i32.const N, end.
      if (c.byte() !== 0x41) throw new Error('data segment offset is not a constant');
      at = c.leb(); // non-negative in practice: the sign bit is never set for rodata
      if (c.byte() !== 0x0b) throw new Error('data segment offset is not a constant');
    }
    const len = c.leb();
    segs.push([at, b.subarray(c.pos, c.pos + len)]);
    c.pos += len;
  }
  const lo = Math.min(...segs.map(([at]) => at));
  const hi = Math.max(...segs.map(([at, s]) => at + s.length));
  const mem = Buffer.alloc(hi - lo);
  for (const [at, s] of segs) s.copy(mem, at - lo);
  const written = new Uint8Array(mem.length);
  for (const [at, s] of segs) written.fill(1, at - lo, at - lo + s.length);
  return { mem, written };
}

/** Function bodies of the code section: [{ index, body }], index counting imports. */
function functionBodies(b, secs) {
  let imported = 0;
  const imp = secs.find((s) => s.id === 2);
  if (imp) {
    const c = cursor(b, imp.start);
    const n = c.leb();
    for (let i = 0; i < n; i++) {
      const module = c.leb();
      c.pos += module;
      const field = c.leb();
      c.pos += field;
      const kind = c.byte();
      if (kind === 0) {
        c.leb();
        imported++;
      } else if (kind === 1) {
        c.byte();
        const f = c.leb();
        c.leb();
        if (f & 1) c.leb();
      } else if (kind === 2) {
        const f = c.leb();
        c.leb();
        if (f & 1) c.leb();
      } else if (kind === 3) {
        c.byte();
        c.byte();
      } else if (kind === 4) {
        c.byte();
        c.leb();
      }
    }
  }
  const code = secs.find((s) => s.id === 10);
  const c = cursor(b, code.start);
  const n = c.leb();
  const out = [];
  for (let i = 0; i < n; i++) {
    const len = c.leb();
    out.push({ index: imported + i, body: b.subarray(c.pos, c.pos + len) });
    c.pos += len;
  }
  return out;
}

/** Function names from the "name" custom section: Map index -> name. */
function functionNames(b, secs) {
  const names = new Map();
  const sec = secs.find((s) => s.id === 0 && s.name === 'name');
  if (!sec) return names;
  const c = cursor(b, sec.start);
  const own = c.leb(); // the section's own name
  c.pos += own;
  while (c.pos < sec.end) {
    const sub = c.byte();
    const size = c.leb();
    const end = c.pos + size;
    if (sub === 1) {
      const n = c.leb();
      for (let i = 0; i < n; i++) {
        const idx = c.leb();
        const l = c.leb();
        names.set(idx, b.subarray(c.pos, c.pos + l).toString());
        c.pos += l;
      }
    }
    c.pos = end;
  }
  return names;
}

/**
 * The crate a (demangled) function name belongs to. The wasm-bindgen export
 * shims ("analyze externref shim") hold what was inlined into them, which
 * for `analyze` is most of the pipeline: they count as article_lens.
 */
function crateOf(name) {
  if (/ shim$/.test(name)) return 'article_lens exports (+ inlined)';
  let s = name.replace(/^[<&*\s]+|^(?:dyn|mut|impl) /g, '');
  s = s.replace(/^[<&*\s]+/, '');
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/.exec(s);
  if (!m) return '(other: allocator glue, intrinsics)';
  return m[1];
}

// ---------------------------------------------------------------------------

const wasm = readFileSync(wasmPath);
const secs = sections(wasm);
const codeSec = secs.find((s) => s.id === 10);
const dataSec = secs.find((s) => s.id === 11);
const { mem: data, written } = dataBytes(wasm, dataSec);
const claimed = new Uint8Array(data.length);

/** Finds `bytes` in the data and marks them as accounted for; false if absent. */
function claim(bytes) {
  const at = data.indexOf(bytes);
  if (at < 0 || bytes.length === 0) return false;
  claimed.fill(1, at, at + bytes.length);
  return true;
}

const rows = [];

// The newest build of the crate for wasm32: build.rs writes the flat model,
// the compiled patterns and the word-list tables into its OUT_DIR.
const buildDir = join(
  process.env.CARGO_TARGET_DIR ?? join(root, 'target'),
  'wasm32-unknown-unknown/release/build',
);
const outDir = existsSync(buildDir)
  ? readdirSync(buildDir)
      .filter((d) => d.startsWith('article-lens-') && existsSync(join(buildDir, d, 'out')))
      .map((d) => join(buildDir, d, 'out'))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  : undefined;

// The model: models/ner.bin itself, or the flat layout build.rs derives
// from it (OUT_DIR/ner.flat), whichever the module holds.
const modelCandidates = [['models/ner.bin', join(root, 'models/ner.bin')]];
if (outDir && existsSync(join(outDir, 'ner.flat'))) {
  modelCandidates.push(['ner.flat, built from models/ner.bin', join(outDir, 'ner.flat')]);
}
const modelFound = modelCandidates.find(([, path]) => claim(readFileSync(path)));
if (modelFound) {
  const bytes = readFileSync(modelFound[1]);
  rows.push([`model (${modelFound[0]})`, bytes.length, gz(bytes)]);
} else rows.push(['model (models/ner.bin): not found in the module', 0, 0]);

// The date, time, money and percent patterns, compiled by build.rs.
const dfas = outDir
  ? readdirSync(outDir)
      .filter((f) => f.endsWith('.dfa'))
      .sort()
      .map((f) => readFileSync(join(outDir, f)))
      .filter((b) => claim(b))
  : [];
if (dfas.length) {
  const all = Buffer.concat(dfas);
  rows.push([`patterns (${dfas.length} compiled DFAs, built)`, all.length, gz(all)]);
}

// The word lists as embedded: the files of data/lexicons/ themselves, or the
// tables a build script derives from them into OUT_DIR, whichever the
// module holds.
const lexDir = join(root, 'data/lexicons');
const candidates = readdirSync(lexDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => [f, join(lexDir, f)]);
if (outDir) {
  for (const f of readdirSync(outDir).filter((f) => f.endsWith('.txt')).sort()) {
    candidates.push([`${f} (built)`, join(outDir, f)]);
  }
}
const lex = [];
const missing = [];
for (const [f, path] of candidates) {
  const bytes = readFileSync(path);
  if (claim(bytes)) lex.push([f, bytes]);
  else missing.push(f);
}
const lexAll = Buffer.concat(lex.map(([, b]) => b));
rows.push([`word lists (${lex.length} files)`, lexAll.length, gz(lexAll)]);
const lexRows = lex
  .map(([f, b]) => [`  ${f}`, b.length, gz(b)])
  .sort((a, b) => b[2] - a[2]);

const other = Buffer.from(data.filter((_, i) => !claimed[i] && written[i]));
rows.push(['other data (strings, Unicode and std tables)', other.length, gz(other)]);
const code = wasm.subarray(codeSec.start, codeSec.end);
rows.push(['code', code.length, gz(code)]);
let rest = 0;
const restParts = [];
for (const s of secs) {
  if (s.id === 10 || s.id === 11) continue;
  rest += s.end - s.start;
  restParts.push(wasm.subarray(s.start, s.end));
}
rows.push(['other sections (types, imports, exports, ...)', rest, gz(Buffer.concat(restParts))]);

const width = 52;
const line = ([what, raw, z]) =>
  `${what.padEnd(width)} ${fmt(raw).padStart(11)} ${fmt(z).padStart(11)}`;
console.log(`${wasmPath}`);
console.log(`${'part'.padEnd(width)} ${'raw'.padStart(11)} ${'gz alone'.padStart(11)}`);
for (const r of rows) {
  console.log(line(r));
  if (r[0].startsWith('word lists')) for (const l of lexRows.slice(0, 8)) console.log(line(l));
}
const sum = rows.reduce((a, r) => a + r[2], 0);
console.log(line(['sum of the parts', rows.reduce((a, r) => a + r[1], 0), sum]));
const whole = gz(wasm);
console.log(line(['the .wasm (gzipped whole)', wasm.length, whole]));
if (missing.length) console.log(`not embedded: ${missing.join(', ')}`);

// What the page loads besides its own HTML, CSS and JS: the .wasm, and the
// wasm-bindgen glue it imports (the page's JS, counted here to be complete).
const glue = join(dirname(wasmPath), 'article_lens.js');
if (existsSync(glue)) {
  const g = readFileSync(glue);
  console.log(line(['wasm-bindgen glue (article_lens.js)', g.length, gz(g)]));
  console.log(line(['.wasm + glue', wasm.length + g.length, whole + gz(g)]));
}
const sample = join(root, 'www/samples/blinken-baghdad.txt');
if (existsSync(sample)) {
  const s = readFileSync(sample);
  console.log(line(['sample article (www/samples/, fetched at start)', s.length, gz(s)]));
}

if (crates) {
  const dir = mkdtempSync(join(tmpdir(), 'size-breakdown-'));
  try {
    const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
    const built = join(target, 'wasm32-unknown-unknown/release/article_lens.wasm');
    execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', dir, built], { stdio: 'inherit' });
    const named = join(dir, 'named.wasm');
    const level = process.env.WASM_OPT_LEVEL ?? '-O3';
    execFileSync(
      join(root, 'node_modules/.bin/wasm-opt'),
      [
        level, '-g',
        '--enable-bulk-memory', '--enable-sign-ext', '--enable-mutable-globals',
        '--enable-nontrapping-float-to-int', '--enable-reference-types', '--enable-multivalue',
        join(dir, 'article_lens_bg.wasm'), '-o', named,
      ],
      { stdio: 'inherit' },
    );
    const nb = readFileSync(named);
    const ns = sections(nb);
    const names = functionNames(nb, ns);
    const by = new Map();
    for (const { index, body } of functionBodies(nb, ns)) {
      const k = crateOf(names.get(index) ?? '');
      if (!by.has(k)) by.set(k, []);
      by.get(k).push(body);
    }
    const total = ns.find((s) => s.id === 10);
    console.log(`\ncode by crate (wasm-opt ${level} -g of ${built}; code section ${fmt(total.end - total.start)} B):`);
    const list = [...by.entries()]
      .map(([k, bodies]) => {
        const b = Buffer.concat(bodies);
        return [`  ${k} (${bodies.length} functions)`, b.length, gz(b)];
      })
      .sort((a, b) => b[1] - a[1]);
    for (const r of list.slice(0, 16)) console.log(line(r));
    if (list.length > 16) {
      const tail = list.slice(16);
      console.log(
        line([`  ${tail.length} more crates`, tail.reduce((a, r) => a + r[1], 0), tail.reduce((a, r) => a + r[2], 0)]),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
