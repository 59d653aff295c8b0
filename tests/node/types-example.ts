// Compiled by types.test.js with `tsc --noEmit --strict` against the generated
// www/pkg/article_lens.d.ts: how a TypeScript program uses the module, and
// mistakes the types must catch (each `@ts-expect-error` fails the compile
// if the line below it is NOT an error).
import {
  analyze,
  entityTypes,
  initSync,
  type Analysis,
  type Attribution,
  type Entity,
  type EntityType,
  type Group,
  type Options,
  type Quote,
  type Range,
  type TextSpan,
} from "../../www/pkg/article_lens.js";

declare const wasmBytes: ArrayBuffer;
initSync({ module: wasmBytes });

const text = "“We are determined,” Antony Blinken said on Friday.";
const all: Analysis = analyze(text);
const people: Analysis = analyze(text, { types: ["person", "place"] });
const defaults: Analysis = analyze(text, null);
const options: Options = {};

function speakerName(a: Analysis, q: Quote): string {
  if (q.speakerGroup !== null) return a.groups[q.speakerGroup].name;
  const local: TextSpan | null = q.speaker;
  return local === null ? "unknown" : local.text;
}

function castLine(a: Analysis, g: Group): string {
  const first: Entity = a.entities[g.mentions[0]];
  const type: EntityType = g.type;
  return `${g.name} (${type}) ×${g.mentions.length}, first at ${first.start}`;
}

const how: Attribution[] = all.quotes.map((q) => q.attribution);
const paragraphs: Range[] = people.paragraphs;
const kinds: ("speech" | "scare")[] = defaults.quotes.map((q) => q.kind);
const types: EntityType[] = entityTypes();
const lines: string[] = all.groups.map((g) => castLine(all, g));
const names: string[] = all.quotes.map((q) => speakerName(all, q));
const schema: number = all.schema;

// @ts-expect-error: the text must be a string.
analyze(42);
// @ts-expect-error: an unknown option key.
analyze(text, { colour: "red" });
// @ts-expect-error: not an entity type.
const typo: Options = { types: ["persn"] };
// @ts-expect-error: speakerGroup may be null.
const group: number = all.quotes[0].speakerGroup;
// @ts-expect-error: no such field.
const kind = all.entities[0].kind;
// @ts-expect-error: an entity type is not any string.
const t: EntityType = "people";

export { options, how, paragraphs, kinds, types, lines, names, schema, typo, group, kind, t };
