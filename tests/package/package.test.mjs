// The npm package (dist/npm, built by scripts/build-package.sh) as a user
// gets it: `npm pack`, installed from the tarball into a fresh project (no
// registry involved), imported by its name in Node, type-checked by tsc
// through its "exports", and loaded in Debian's headless Chromium through an
// import map, worker wrapper included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve } from '../browser/server.js';
import { launch } from '../browser/chromium.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const dist = join(root, 'dist/npm');
const ts = createRequire(join(root, 'package.json'))('typescript');
const cargoVersion = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

let tmp;
let project;
let packed; // npm pack's report: { filename, files: [{ path }] }

function npm(args, cwd) {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

before(() => {
  assert.ok(existsSync(join(dist, 'package.json')), 'dist/npm is built (SKIP_WASM=1 bash scripts/build-package.sh)');
  tmp = mkdtempSync(join(tmpdir(), 'article-lens-package-'));
  [packed] = JSON.parse(npm(['pack', dist, '--pack-destination', tmp, '--json'], tmp));
  project = join(tmp, 'project');
  cpSync(join(here, 'site'), project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'uses-article-lens', private: true, type: 'module' }, null, 2),
  );
  // From the file only: --offline never asks the registry.
  npm(['install', '--offline', join(tmp, packed.filename)], project);
  copyFileSync(join(root, 'tests/fixtures/blinken-baghdad.txt'), join(project, 'blinken-baghdad.txt'));
  copyFileSync(join(here, 'example.ts'), join(project, 'example.ts'));
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the tarball: name, version from Cargo.toml, and every file', () => {
  assert.equal(packed.name, 'article-lens');
  assert.equal(packed.version, cargoVersion);
  assert.equal(packed.filename, `article-lens-${cargoVersion}.tgz`);
  const files = packed.files.map((f) => f.path).sort();
  for (const f of [
    'README.md', 'package.json', 'article_lens.js', 'article_lens_bg.wasm', 'article_lens.d.ts',
    'node.js', 'worker.js', 'analyze-worker.js', 'worker.d.ts',
  ]) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules/article-lens/package.json'), 'utf8'));
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'node', 'default'], '"types" first, "default" last');
  const worker = readFileSync(join(project, 'node_modules/article-lens/analyze-worker.js'), 'utf8');
  assert.match(worker, /from '\.\/article_lens\.js'/, 'the worker imports the glue next to it');
});

test('Node: import by name, await init(), analyze the reference article', () => {
  const program = `
    import init, { analyze, initSync, version } from 'article-lens';
    import { readFileSync } from 'node:fs';
    import { createRequire } from 'node:module';
    await init();
    const a = analyze(readFileSync('blinken-baghdad.txt', 'utf8'));
    const speakers = a.quotes.filter((q) => q.kind === 'speech' && q.speakerGroup !== null)
      .map((q) => a.groups[q.speakerGroup].name);
    // initSync with the bytes works too (a no-op once loaded, but it must accept them).
    const bytes = readFileSync(createRequire(import.meta.url).resolve('article-lens/article_lens_bg.wasm'));
    initSync({ module: bytes });
    console.log(JSON.stringify({ speakers, version: version(), people: a.groups.filter((g) => g.type === 'person').map((g) => g.name) }));
  `;
  writeFileSync(join(project, 'use.mjs'), program);
  const run = spawnSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.ok(out.speakers.includes('Antony Blinken'), `a quote is attributed to Antony Blinken: ${out.speakers}`);
  assert.ok(out.people.includes('Antony Blinken'));
  assert.equal(out.version, cargoVersion);
});

/** tsc's options: --strict --noEmit, ES2022, the given module resolution (both honor "exports"). */
function compilerOptions(resolution) {
  return {
    noEmit: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: resolution === 'bundler' ? ts.ModuleKind.ESNext : ts.ModuleKind.NodeNext,
    moduleResolution: resolution === 'bundler' ? ts.ModuleResolutionKind.Bundler : ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    skipLibCheck: false,
    types: [],
  };
}

// Parsed lib files, shared by the compiles below (parsing lib.dom.d.ts is
// most of a compile's time).
const parsed = new Map();

/**
 * Type-checks the project's example.ts as `tsc --strict --noEmit` would,
 * with `replace` (path -> text) overriding files on disk. Returns the
 * diagnostics as text, or null when there are none.
 */
function typecheck(resolution, replace = new Map()) {
  const options = compilerOptions(resolution);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => replace.get(file) ?? readFile(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => {
    if (replace.has(file)) return ts.createSourceFile(file, replace.get(file), language);
    if (!file.includes('/typescript/lib/')) return getSourceFile(file, language, ...rest);
    if (!parsed.has(file)) parsed.set(file, getSourceFile(file, language, ...rest));
    return parsed.get(file);
  };
  const program = ts.createProgram([join(project, 'example.ts')], options, host);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length === 0) return null;
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => project,
    getNewLine: () => '\n',
  });
}

test('TypeScript: the example compiles with --strict against the package (nodenext and bundler resolution)', () => {
  assert.equal(typecheck('nodenext'), null);
  assert.equal(typecheck('bundler'), null);
});

test('TypeScript: the example catches a wrong type in the package', () => {
  // Each mutation of the installed .d.ts must break the example's compile.
  const dts = join(project, 'node_modules/article-lens/article_lens.d.ts');
  const workerDts = join(project, 'node_modules/article-lens/worker.d.ts');
  const mutations = [
    [dts, 'speakerGroup: number | null;', 'speakerGroup: number;'],
    [dts, 'mentions: number[];', 'mentions: Entity[];'],
    [dts, 'group: number;', 'groupId: number;'],
    [dts, 'speaker: TextSpan | null;', 'speaker: string | null;'],
    [dts, '"adjacent" | "pronoun"', '"adjacent" | "pronouns"'],
    [dts, '| "money"', '| "amount"'],
    [workerDts, 'analyze(text: string, options?: Options | null): Promise<Analysis>;', 'analyze(text: string, options?: any): any;'],
  ];
  for (const [file, from, to] of mutations) {
    const source = readFileSync(file, 'utf8');
    assert.ok(source.includes(from), `the .d.ts declares ${from}`);
    const errors = typecheck('nodenext', new Map([[file, source.replace(from, to)]]));
    assert.notEqual(errors, null, `the example fails to compile when ${from} becomes ${to}`);
  }
});

test('browser: import map, init(), analyze, and the worker wrapper', async () => {
  const server = await serve(project);
  const browser = await launch();
  try {
    const { page, problems } = browser;
    await page.goto(`${server.url}index.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    assert.equal(await page.evaluate(() => window.check.version), cargoVersion);
    const direct = await page.evaluate(() => window.check.direct());
    assert.ok(direct.includes('Antony Blinken'), `a quote is attributed to Antony Blinken: ${direct}`);

    const w = await page.evaluate(() => window.check.worker());
    assert.deepEqual(w.article.speakers, direct, 'the worker gives the same answer as analyze()');

    // The burst: the first call (already running), the two in between and the
    // last. Every call but the last rejects with an AbortError; the worker
    // got the first text and the last, never the two in between.
    const [first, second, third, last] = w.burst;
    for (const r of [first, second, third]) {
      assert.deepEqual([r.ok, r.name, r.isError], [false, 'AbortError', true], JSON.stringify(r));
    }
    assert.equal(last.ok, true);
    assert.ok(last.speakers.includes('Antony Blinken'));
    assert.equal(w.sentDuringBurst.length, 2, `texts sent to the worker: ${w.sentDuringBurst}`);
    assert.ok(w.sentDuringBurst[0] > 100_000, 'the first (long) text');
    assert.ok(w.sentDuringBurst[1] < 10_000, 'then the last one');

    // Errors from analyze() are rejections with its message.
    assert.equal(w.badOptions.ok, false);
    assert.equal(w.badOptions.isError, true);
    assert.match(w.badOptions.message, /bad options: unknown key `colour`/);
    assert.equal(w.badType.ok, false);
    assert.match(w.badType.message, /persn/);
    assert.equal(w.notText.ok, false);
    assert.match(w.notText.message, /string/);
    assert.equal(w.uncloneable.ok, false);
    assert.match(w.uncloneable.message, /bad options/);
    assert.equal(w.afterErrors.ok, true, 'the worker still works after errors');

    assert.deepEqual([w.terminatedPending.ok, w.terminatedPending.name], [false, 'AbortError']);
    assert.deepEqual([w.terminatedLater.ok, w.terminatedLater.name], [false, 'AbortError']);

    const withModule = await page.evaluate(() => window.check.withModule());
    assert.deepEqual(withModule.speakers, direct, 'a compiled WebAssembly.Module can be handed over');
    assert.deepEqual(withModule.fromBytes.speakers, direct, 'so can the bytes');

    const bad = await page.evaluate(() => window.check.badWasm());
    assert.equal(bad.call.ok, false);
    assert.equal(bad.call.isError, true);
    assert.match(bad.call.message, /could not be loaded/);
    assert.equal(bad.ready.ok, false);
    assert.equal(bad.later.ok, false);

    const unexpected = problems.filter((p) => !p.includes('404'));
    assert.deepEqual(unexpected, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
