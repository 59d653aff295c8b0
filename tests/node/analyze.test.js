// The shipped WebAssembly module (www/pkg, built by scripts/build-wasm.sh),
// used from Node the way a JavaScript program would use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as lens from '../../www/pkg/article_lens.js';

const root = new URL('../../', import.meta.url);
lens.initSync({ module: readFileSync(new URL('www/pkg/article_lens_bg.wasm', root)) });
const article = readFileSync(new URL('tests/fixtures/blinken-baghdad.txt', root), 'utf8');

const MARKS = '"“”„‟«»‹›‘’‚\'';

/** Every offset in `a` slices `input` back to the text the analysis reports. */
function assertConsistent(input, a) {
  const inRange = (r) => 0 <= r.start && r.start <= r.end && r.end <= input.length;
  let prevEnd = 0;
  for (const [i, e] of a.entities.entries()) {
    assert.equal(e.id, i);
    assert.ok(inRange(e), `entity ${i} in range`);
    assert.equal(input.slice(e.start, e.end), e.text, `entity ${i} slices to its text`);
    assert.ok(e.start >= prevEnd, `entity ${i} does not overlap the one before`);
    prevEnd = e.end;
    assert.ok(a.groups[e.group].mentions.includes(i), `entity ${i} is a mention of its group`);
    assert.equal(a.groups[e.group].type, e.type);
  }
  for (const [i, g] of a.groups.entries()) {
    assert.equal(g.id, i);
    assert.ok(g.mentions.length > 0, `group ${i} has mentions`);
    for (const q of g.quotes) assert.equal(a.quotes[q].speakerGroup, i);
  }
  for (const [i, q] of a.quotes.entries()) {
    assert.equal(q.id, i);
    assert.ok(inRange(q), `quote ${i} in range`);
    const outer = input.slice(q.start, q.end);
    assert.ok(MARKS.includes(outer[0]), `quote ${i} starts at a quotation mark: ${outer}`);
    assert.ok(outer.includes(q.text), `quote ${i} covers its text`);
    for (const span of [q.speaker, q.cue]) {
      if (span !== null) assert.equal(input.slice(span.start, span.end), span.text);
    }
    if (q.speakerGroup !== null) assert.ok(a.groups[q.speakerGroup]);
  }
  for (const r of [...a.sentences, ...a.paragraphs]) assert.ok(inRange(r));
}

test('the reference article: speakers, cast and spans', () => {
  const a = lens.analyze(article);
  assert.equal(a.schema, lens.schemaVersion());
  assertConsistent(article, a);
  assert.equal(a.paragraphs.length, article.split('\n').filter((l) => l.trim()).length);

  const blinken = a.entities.find((e) => e.text === 'Antony Blinken');
  assert.ok(blinken, 'Antony Blinken is found');
  assert.equal(blinken.type, 'person');
  const group = a.groups[blinken.group];
  assert.ok(group.mentions.length > 1, 'later "Blinken" mentions are in his group');

  const speech = a.quotes.filter((q) => q.kind === 'speech');
  assert.ok(speech.length >= 5, `speech quotes found: ${speech.length}`);
  const determined = a.quotes.find((q) => q.text.startsWith('We are determined'));
  assert.ok(determined, 'the "We are determined" quote is found');
  assert.equal(determined.kind, 'speech');
  assert.equal(determined.speakerGroup, blinken.group, 'and attributed to Blinken');
  assert.ok(group.quotes.includes(determined.id));
});

test('UTF-16 offsets with emoji, accents, curly quotes and CRLF', () => {
  const input =
    '🎉 Zoë Ünal said “Ça va 😊” in Zürich.\r\n\r\n«Très bien», a-t-elle dit à Genève. 👍🏽\r\nLast line';
  const a = lens.analyze(input);
  assertConsistent(input, a);
  // Paragraphs, counted independently: the trimmed non-blank lines.
  const expected = [];
  for (const m of input.matchAll(/[^\r\n]+/g)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    expected.push({ start, end: m.index + m[0].trimEnd().length });
  }
  assert.deepEqual(a.paragraphs, expected);
  assert.equal(input.slice(a.paragraphs[2].start, a.paragraphs[2].end), 'Last line');
  // The curly quote is found at the UTF-16 offsets of its marks.
  const open = input.indexOf('“');
  const quote = a.quotes.find((q) => q.start === open);
  assert.ok(quote, 'the curly quote is found');
  assert.equal(quote.end, input.indexOf('”') + 1);
  assert.equal(quote.text, 'Ça va 😊');
});

test('any string is valid input', () => {
  const inputs = [
    '',
    ' ',
    '\n\n\r\n',
    '"',
    '“unclosed',
    '’’’""«««',
    '\u0000\u0001 NUL',
    '\uD83D lone surrogate',
    'x'.repeat(5000),
    '“He said,” he said. '.repeat(200),
  ];
  for (const input of inputs) {
    const a = lens.analyze(input);
    assertConsistent(input, a);
  }
  assert.deepEqual(lens.analyze(''), {
    schema: lens.schemaVersion(),
    entities: [],
    groups: [],
    quotes: [],
    sentences: [],
    paragraphs: [],
  });
});

test('bad arguments throw a real Error with a message, and the module keeps working', () => {
  const bad = [
    [() => lens.analyze(42), /text must be a string, got number/],
    [() => lens.analyze(), /text must be a string, got undefined/],
    [() => lens.analyze(null), /text must be a string, got null/],
    [() => lens.analyze(new String('boxed')), /text must be a string, got object/],
    [() => lens.analyze('x', { colour: 'red' }), /bad options: .*colour/],
    [() => lens.analyze('x', { types: ['persn'] }), /bad options: .*persn/],
    [() => lens.analyze('x', { types: 'person' }), /bad options/],
    [() => lens.analyze('x', 'person'), /options must be an object, undefined or null, got string/],
    [() => lens.analyze('x', [['person']]), /options must be an object, undefined or null, got an array/],
    [() => lens.analyze('x', () => {}), /options must be an object, undefined or null, got function/],
  ];
  for (const [call, message] of bad) {
    assert.throws(call, (e) => {
      assert.ok(e instanceof Error, `an Error instance, not ${typeof e}: ${e}`);
      assert.match(e.message, message);
      return true;
    });
    const again = lens.analyze('Still working. Yes.');
    assert.equal(again.sentences.length, 2);
  }
});

test('options: defaults, null, undefined, and a filter on types', () => {
  const all = lens.analyze(article);
  assert.deepEqual(lens.analyze(article, null), all);
  assert.deepEqual(lens.analyze(article, undefined), all);
  assert.deepEqual(lens.analyze(article, {}), all);
  assert.deepEqual(lens.analyze(article, { types: null }), all);
  const people = lens.analyze(article, { types: ['person'] });
  assertConsistent(article, people);
  assert.ok(people.entities.every((e) => e.type === 'person'));
  assert.equal(
    people.entities.length,
    all.entities.filter((e) => e.type === 'person').length,
  );
  assert.deepEqual(lens.analyze(article, { types: [] }).entities, []);
});

test('the result is plain data: null for none, survives JSON and structuredClone', () => {
  const a = lens.analyze(article);
  assert.deepEqual(JSON.parse(JSON.stringify(a)), a);
  assert.deepEqual(structuredClone(a), a);
  for (const q of a.quotes) {
    for (const key of ['speaker', 'speakerGroup', 'cue']) {
      assert.notEqual(q[key], undefined, `quote.${key} is null, never undefined`);
    }
  }
  assert.equal(Object.getPrototypeOf(a), Object.prototype);
});

test('version and entityTypes', () => {
  assert.match(lens.version(), /^\d+\.\d+\.\d+/);
  assert.deepEqual(lens.entityTypes(), [
    'person',
    'organization',
    'place',
    'group',
    'misc',
    'date',
    'time',
    'money',
    'percent',
  ]);
});
