// Compiled by package.test.mjs with `tsc --strict --noEmit` inside a project
// that installed the packed article-lens tarball: the package's own types,
// found through its "exports"/"types" (moduleResolution nodenext and bundler).
// It uses every field of the result, so a wrong or missing type fails the
// compile, and each `@ts-expect-error` fails it if the line below it is NOT
// an error.
import init, {
  analyze,
  entityTypes,
  initSync,
  schemaVersion,
  version,
  type Analysis,
  type Attribution,
  type Entity,
  type EntityType,
  type Group,
  type Options,
  type Quote,
  type QuoteKind,
  type Range,
  type TextSpan,
} from "article-lens";
import { createAnalyzer, type Analyzer, type AnalyzerConfig } from "article-lens/worker";

await init();
declare const wasmBytes: ArrayBuffer;
if (Math.random() > 2) initSync({ module: wasmBytes });

const text = "“We are determined,” Antony Blinken said on Friday.";
const a: Analysis = analyze(text);
const people: Analysis = analyze(text, { types: ["person", "place"] });
const defaults: Analysis = analyze(text, null);
const schema: number = a.schema + schemaVersion();
const crate: string = version();

function entityLine(e: Entity, groups: Group[]): string {
  const id: number = e.id;
  const type: EntityType = e.type;
  const span: string = text.slice(e.start, e.end);
  const same: boolean = span === e.text;
  const group: Group = groups[e.group];
  return `${id} ${type} ${span} ${same} → ${group.name}`;
}

function castLine(an: Analysis, g: Group): string {
  const first: Entity = an.entities[g.mentions[0]];
  const said: Quote[] = g.quotes.map((q) => an.quotes[q]);
  const type: EntityType = g.type;
  return `${g.id} ${g.name} (${type}) ×${g.mentions.length}, first at ${first.start}, ${said.length} quotes`;
}

function quoteLine(an: Analysis, q: Quote): string {
  const kind: QuoteKind = q.kind;
  const how: Attribution = q.attribution;
  const who: string = q.speakerGroup !== null ? an.groups[q.speakerGroup].name : "unknown";
  const local: TextSpan | null = q.speaker;
  const cue: TextSpan | null = q.cue;
  const words: string = q.text;
  return `${q.id} [${q.start}, ${q.end}) ${kind} ${how} ${who} (${local?.text ?? "-"}, ${cue?.text ?? "-"}): ${words}`;
}

const ranges: Range[] = [...a.sentences, ...people.paragraphs, ...defaults.paragraphs];
const lengths: number[] = ranges.map((r) => r.end - r.start);
const lines: string[] = [
  ...a.entities.map((e) => entityLine(e, a.groups)),
  ...a.groups.map((g) => castLine(a, g)),
  ...a.quotes.map((q) => quoteLine(a, q)),
];
const types: EntityType[] = entityTypes();
// Exhaustive tables: a value added to or renamed in a union breaks them.
const labels: Record<EntityType, string> = {
  person: "Person",
  organization: "Organization",
  place: "Place",
  group: "Group",
  misc: "Other name",
  date: "Date",
  time: "Time",
  money: "Money",
  percent: "Percent",
};
const found: Record<Attribution, string> = {
  adjacent: "named in the same sentence",
  pronoun: "a pronoun resolved to an earlier person",
  colon: "introduced with a colon",
  continuation: "continues the previous quote",
  none: "no speaker found",
};
const marks: Record<QuoteKind, string> = { speech: "underlined", scare: "dotted" };
const legend: string[] = a.quotes.map((q) => `${marks[q.kind]} ${found[q.attribution]}`);
legend.push(...a.entities.map((e) => labels[e.type]));
const options: Options = { types };

// The worker wrapper.
const config: AnalyzerConfig = { wasm: new URL("https://example.org/article_lens_bg.wasm") };
const lens: Analyzer = createAnalyzer(config);
await lens.ready;
const later: Analysis = await lens.analyze(text, options);
const speakers: (number | null)[] = later.quotes.map((q) => q.speakerGroup);
lens.terminate();

// @ts-expect-error: the text must be a string.
analyze(42);
// @ts-expect-error: an unknown option key.
analyze(text, { colour: "red" });
// @ts-expect-error: not an entity type.
const typo: Options = { types: ["persn"] };
// @ts-expect-error: speakerGroup may be null.
const group: number = a.quotes[0].speakerGroup;
// @ts-expect-error: the speaker may be null.
const speakerText: string = a.quotes[0].speaker.text;
// @ts-expect-error: no such field on an entity.
const kind = a.entities[0].kind;
// @ts-expect-error: mentions are ids, not entities.
const firstMention: Entity = a.groups[0].mentions[0];
// @ts-expect-error: the worker's analyze returns a Promise, not an Analysis.
const notYet: Analysis = lens.analyze(text);
// @ts-expect-error: the worker's options are checked too.
lens.analyze(text, { type: ["person"] });
// @ts-expect-error: an entity type is not any string.
const t: EntityType = "people";

export { legend, schema, crate, lengths, lines, speakers, typo, group, speakerText, kind, firstMention, notYet, t };
