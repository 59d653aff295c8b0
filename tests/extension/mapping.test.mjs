// The content script's text mapping, on its own: content.js is loaded into a
// plain page (no extension, no CSP) and fed hand-made analyses whose offsets
// come from the text it extracted, so these tests do not depend on what the
// analyzer finds. They check what a reader would see: the text the analyzer
// gets, one highlight for a name split over <a> and <em>, correct offsets
// after emoji, and the element fallback restoring the page exactly.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer, extensionDir, chromiumPath, squash } from "./harness.mjs";

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
  });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a fixture without CSP and loads Readability + content.js into it. */
async function load(fixture) {
  page?.close();
  page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  await page.goto(`${server.base}/open/${fixture}`);
  await page.addScriptTag({ path: path.join(extensionDir, "vendor/Readability.js") });
  await page.addScriptTag({ path: path.join(extensionDir, "content.js") });
  return page;
}

/** An analysis with one entity per [text, type] and one speech quote per quoted text. */
function analysisFor(text, names, quotes = []) {
  const entities = [];
  for (const [name, type, nth = 0] of names) {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = text.indexOf(name, at + 1);
    assert.ok(at >= 0, `"${name}" is in the extracted text`);
    entities.push({ id: entities.length, type, start: at, end: at + name.length, text: name, group: entities.length });
  }
  entities.sort((a, b) => a.start - b.start).forEach((e, i) => (e.id = i));
  const qs = quotes.map((q, id) => {
    const at = text.indexOf(q);
    assert.ok(at >= 0, `quote "${q}" is in the extracted text`);
    return { id, kind: "speech", start: at, end: at + q.length, text: q.slice(1, -1), speaker: null, speakerGroup: null, cue: null, attribution: "none" };
  });
  return { schema: 1, entities, groups: [], quotes: qs, sentences: [], paragraphs: [] };
}

test("the analyzer gets the text a reader sees: blocks on their own lines, white space collapsed, hidden text left out", async () => {
  await load("mapping.html");
  const text = await page.evaluate(() => {
    const { buildText } = globalThis.__articleLens.internals;
    const walker = document.createTreeWalker(document.getElementById("a"), NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    return buildText(nodes).text;
  });
  assert.equal(
    text,
    [
      "A headline",
      "US Secretary of State Antony Blinken said on Friday: “We are determined.”",
      "First line",
      "second line",
      "keep   these\nspaces",
      "😀 Zoë Ångström met Ngozi in São Paulo.",
      "A div with text",
      "and a nested block",
      "and a tail.",
    ].join("\n\n"),
  );
});

test("a page too short for Readability falls back to its <article> element; menus stay out", async () => {
  await load("short.html");
  const got = await page.evaluate(() => globalThis.__articleLens.extract());
  assert.equal(got.method, "fallback");
  assert.equal(got.text, "Jane Doe said the bridge would reopen on Monday.");
});

test("Readability finds the story, not the sidebar, comments or menus", async () => {
  await load("article.html");
  const got = await page.evaluate(() => globalThis.__articleLens.extract());
  assert.equal(got.method, "readability");
  for (const inStory of ["US Secretary of State Antony Blinken promised Friday", "ousted in a 2003 US-led invasion."]) {
    assert.ok(got.text.includes(inStory), `story text "${inStory}" is read`);
  }
  for (const notStory of ["Most read", "Harbourline", "Rosalind Pemberton", "Gerald Ashcombe", "Comments (3)", "Opinion", "The Daily Ledger"]) {
    assert.ok(!got.text.includes(notStory), `"${notStory}" is not article text`);
  }
});

test("a brief under Readability's 500-character threshold (which makes it re-parse the page from HTML) is still found", async () => {
  await load("brief.html");
  const got = await page.evaluate(() => globalThis.__articleLens.extract());
  assert.equal(got.method, "readability");
  assert.equal(
    got.text,
    "The harbour bridge will reopen to traffic on Monday after three weeks of repairs, the city council said on Thursday.\n\n" +
      "“The work has finished ahead of schedule,” said Marta Lindqvist, who chairs the council's transport committee.",
  );
});

test("a name split over <a> and <em> is one highlight, and offsets after emoji land on the right letters", async () => {
  await load("mapping.html");
  const text = (await page.evaluate(() => globalThis.__articleLens.extract())).text;
  const analysis = analysisFor(
    text,
    [
      ["Antony Blinken", "person"],
      ["Friday", "date"],
      ["Zoë Ångström", "person"],
      ["Ngozi", "person"],
      ["São Paulo", "place"],
    ],
    ["“We are determined.”"],
  );
  const shown = await page.evaluate((a) => globalThis.__articleLens.highlight(a), analysis);
  assert.deepEqual(shown, { method: "highlight-api", spans: 6, shown: 6 });
  const ranges = await page.evaluate(() =>
    Object.fromEntries(
      [...CSS.highlights].map(([name, h]) => [
        name,
        [...h].map((r) => ({
          text: r.toString(),
          start: r.startContainer.parentElement.nodeName,
          end: r.endContainer.parentElement.nodeName,
        })),
      ]),
    ),
  );
  assert.deepEqual(ranges["article-lens-person"], [
    { text: "Antony Blinken", start: "A", end: "EM" },
    { text: "Zoë Ångström", start: "P", end: "P" },
    { text: "Ngozi", start: "B", end: "P" },
  ]);
  assert.deepEqual(ranges["article-lens-place"], [{ text: "São Paulo", start: "SPAN", end: "P" }]);
  assert.deepEqual(ranges["article-lens-date"], [{ text: "Friday", start: "P", end: "P" }]);
  // The quote's range covers the source's own white space ("on   Friday" is one space to the analyzer).
  assert.equal(squash(ranges["article-lens-quote"][0].text), "“We are determined.”");

  await page.evaluate(() => globalThis.__articleLens.clear());
  assert.deepEqual(await page.evaluate(() => [...CSS.highlights.keys()]), []);
});

test("where the Highlight API is missing, marks wrap the text and clearing restores the very same nodes", async () => {
  await load("article.html");
  const before = await page.evaluate(() => {
    // Keep the original text nodes to check they come back, not copies.
    window.originalTextNodes = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) window.originalTextNodes.push(n);
    return document.documentElement.outerHTML;
  });
  const text = (await page.evaluate(() => globalThis.__articleLens.extract())).text;
  const quote = "“We are determined to make sure that Daesh cannot re-emerge,”";
  const analysis = analysisFor(
    text,
    [
      ["Antony Blinken", "person"],
      ["Mohammed Shia al-Sudani", "person"],
      ["Daesh", "organization", 1], // inside the quote: nested in its mark
      ["Baghdad", "place"],
    ],
    [quote],
  );
  const shown = await page.evaluate((a) => globalThis.__articleLens.highlight(a, "elements"), analysis);
  assert.deepEqual(shown, { method: "elements", spans: 5, shown: 5 });
  const marks = await page.evaluate(() =>
    [...document.querySelectorAll("article-lens-mark")].map((m) => [m.dataset.articleLens, m.textContent]),
  );
  assert.deepEqual(
    marks.filter(([k]) => k.includes("person")).map(([k, t]) => [k, squash(t)]),
    [
      ["person", "Antony "],
      ["person", "Blinken"],
      ["person", "Mohammed Shia "],
      ["person", "al-Sudani"],
    ].map(([k, t]) => [k, squash(t)]),
  );
  assert.deepEqual(
    marks.filter(([k]) => k.includes("quote")).map(([k]) => k),
    ["quote", "quote organization", "quote"],
  );
  assert.equal(
    squash(marks.filter(([k]) => k.includes("quote")).map(([, t]) => t).join("")),
    quote,
  );
  // The reader's text is unchanged while marked.
  assert.equal(
    await page.evaluate(() => document.body.innerText.includes("Antony Blinken promised Friday")),
    true,
  );
  // Focusing an entry marks it and scrolls.
  assert.deepEqual(await page.evaluate(() => globalThis.__articleLens.focus("e3")), { key: "e3" });
  assert.equal(await page.evaluate(() => document.querySelectorAll("[data-article-lens-focus]").length), 1);

  await page.evaluate(() => globalThis.__articleLens.clear());
  const after = await page.evaluate(() => document.documentElement.outerHTML);
  assert.equal(after, before);
  assert.equal(
    await page.evaluate(() => window.originalTextNodes.every((n) => n.isConnected)),
    true,
    "every original text node is back in the page",
  );
});

test("text the page changed after reading is skipped, not highlighted wrongly", async () => {
  await load("mapping.html");
  const text = (await page.evaluate(() => globalThis.__articleLens.extract())).text;
  const analysis = analysisFor(text, [["Zoë Ångström", "person"], ["Friday", "date"]]);
  await page.evaluate(() => {
    document.querySelector("#p3").firstChild.data = "😀";
  });
  const shown = await page.evaluate((a) => globalThis.__articleLens.highlight(a), analysis);
  assert.equal(shown.shown, 1);
  await page.evaluate(() => globalThis.__articleLens.clear());
});
