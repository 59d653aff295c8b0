// The TypeScript types in the generated .d.ts: they compile, they catch
// mistakes, and they describe what analyze() really returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as lens from '../../www/pkg/article_lens.js';

const root = new URL('../../', import.meta.url);
const dts = readFileSync(new URL('www/pkg/article_lens.d.ts', root), 'utf8');
lens.initSync({ module: readFileSync(new URL('www/pkg/article_lens_bg.wasm', root)) });

test('a TypeScript program using the module compiles with --strict', () => {
  const tsc = fileURLToPath(new URL('node_modules/typescript/bin/tsc', root));
  const example = fileURLToPath(new URL('tests/node/types-example.ts', root));
  const args = [
    tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext',
    '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--skipLibCheck', 'false', example,
  ];
  try {
    execFileSync(process.execPath, args, { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

/** The interfaces and type aliases declared in the .d.ts, parsed. */
function declarations(source) {
  const interfaces = new Map();
  for (const m of source.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    const fields = new Map();
    for (const f of m[2].matchAll(/^\s+(\w+)(\??): ([^;]+);$/gm)) {
      fields.set(f[1], { optional: f[2] === '?', type: f[3].trim() });
    }
    interfaces.set(m[1], fields);
  }
  const aliases = new Map();
  for (const m of source.matchAll(/export type (\w+) =([^;]+);/g)) {
    const literals = [...m[2].matchAll(/"([^"]*)"/g)].map((l) => l[1]);
    if (literals.length) aliases.set(m[1], literals);
  }
  return { interfaces, aliases };
}

const { interfaces, aliases } = declarations(dts);
const seen = new Set();

/** Asserts that `value` has the declared TypeScript type `type`. */
function check(value, type, path) {
  type = type.trim();
  const union = type.split('|').map((t) => t.trim());
  if (union.length > 1) {
    const ok = union.some((t) => {
      try { check(value, t, path); return true; } catch { return false; }
    });
    assert.ok(ok, `${path}: ${JSON.stringify(value)} is not ${type}`);
    return;
  }
  if (type.endsWith('[]')) {
    assert.ok(Array.isArray(value), `${path} is an array`);
    value.forEach((v, i) => check(v, type.slice(0, -2), `${path}[${i}]`));
  } else if (type === 'number') {
    assert.ok(Number.isInteger(value) && value >= 0, `${path} is a count or offset: ${value}`);
  } else if (type === 'string') {
    assert.equal(typeof value, 'string', path);
  } else if (type === 'null') {
    assert.equal(value, null, path);
  } else if (aliases.has(type)) {
    assert.ok(aliases.get(type).includes(value), `${path}: ${value} is a ${type}`);
    seen.add(type);
  } else if (interfaces.has(type)) {
    const fields = interfaces.get(type);
    assert.equal(typeof value, 'object', path);
    assert.deepEqual(
      Object.keys(value).sort(),
      [...fields.keys()].sort(),
      `${path} has exactly the fields of ${type}`,
    );
    for (const [name, f] of fields) check(value[name], f.type, `${path}.${name}`);
    seen.add(type);
  } else {
    assert.fail(`${path}: no declaration for type ${type}`);
  }
}

test('the declared types match what analyze() returns', () => {
  assert.deepEqual(
    [...interfaces.keys()].sort(),
    ['Analysis', 'Entity', 'Group', 'InitOutput', 'Options', 'Quote', 'Range', 'TextSpan'],
  );
  assert.deepEqual(aliases.get('EntityType'), lens.entityTypes());
  const inputs = [
    readFileSync(new URL('tests/fixtures/blinken-baghdad.txt', root), 'utf8'),
    '“Yes,” she said. He called it a “farce”. 😊',
    '',
  ];
  for (const input of inputs) check(lens.analyze(input), 'Analysis', 'analysis');
  // Every part of the shape was really seen in a result, not just declared.
  for (const t of ['Analysis', 'Entity', 'Group', 'Quote', 'Range', 'TextSpan', 'EntityType',
    'QuoteKind', 'Attribution']) {
    assert.ok(seen.has(t), `a ${t} was checked`);
  }
});
