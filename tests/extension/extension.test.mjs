// The extension end to end, in a real browser: headless Chromium loads the
// unpacked build (dist/extension), opens a made-up news article served from
// 127.0.0.1 with a CSP that forbids every script (so the page itself could
// not run WebAssembly), clicks the toolbar button, and checks the highlights
// in the page, the side panel, scrolling to an entry, and that clearing puts
// the page's DOM back byte for byte. See harness.mjs for how the extension
// is loaded and clicked in headless mode.
//
// ARTICLE_LENS_SCREENSHOT=path writes a screenshot of the page with the
// panel beside it (docs/extension.png is made this way).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  startServer,
  launchWithExtension,
  clickAction,
  tabState,
  waitFor,
  openPanelSession,
  waitNoPanel,
  highlightRanges,
  squash,
  STRICT_CSP,
} from "./harness.mjs";

const NAME_TYPES = ["person", "organization", "place", "group", "misc"];

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchWithExtension();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function openArticle() {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${server.base}/article.html`);
  return page;
}

async function waitShown(page) {
  const state = await waitFor(
    async () => {
      const s = await tabState(browser, page);
      return s && s.status !== "working" ? s : null;
    },
    { what: "the analysis to be shown" },
  );
  assert.equal(state.status, "shown", `status ${state.status}: ${state.message ?? ""}`);
  return state;
}

async function waitCleared(page) {
  await waitFor(async () => (await tabState(browser, page)) === null, { what: "the highlights to be cleared" });
}

test("the extension loads, asks for no host permissions and relaxes its CSP only for wasm", async () => {
  const manifest = await browser.worker.evaluate(() => chrome.runtime.getManifest());
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  assert.deepEqual([...manifest.permissions].sort(), ["activeTab", "scripting", "sidePanel", "storage"]);
  assert.equal(manifest.host_permissions, undefined);
  assert.equal(manifest.content_scripts, undefined);
  assert.equal(manifest.web_accessible_resources, undefined);
  // The packaged analyzer is there and loads from the package itself.
  const wasmUrl = await browser.worker.evaluate(() => chrome.runtime.getURL("pkg/article_lens_bg.wasm"));
  assert.match(wasmUrl, /^chrome-extension:\/\/[a-p]{32}\/pkg\/article_lens_bg\.wasm$/);
});

test("one click on a page whose CSP forbids scripts highlights the story's names and quotes, nothing else, and clearing restores the page exactly", async () => {
  const page = await openArticle();
  const requestsBefore = server.requests.length;
  // The page's own CSP is in force: its inline script did not run, and it could not compile wasm.
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute("data-page-script-ran")), false);
  const pageWasm = await page.evaluate(async () => {
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
    try {
      await WebAssembly.compile(bytes);
      return "compiled";
    } catch (e) {
      return e.name;
    }
  });
  assert.equal(pageWasm, "CompileError", `the page (CSP ${STRICT_CSP}) cannot compile wasm itself`);

  const domBefore = await page.evaluate(() => document.documentElement.outerHTML);
  await clickAction(browser, page);
  const state = await waitShown(page);
  const a = state.analysis;
  assert.equal(a.schema, 1);
  assert.equal(state.found, "readability");

  // Every entity and every speech quote is one highlight, with the same text.
  const ranges = await highlightRanges(page);
  const speech = a.quotes.filter((q) => q.kind === "speech");
  assert.equal(state.shown.shown, a.entities.length + speech.length, "every span was mapped onto the page");
  assert.equal(ranges.filter((r) => r.name !== "focus").length, a.entities.length + speech.length);
  for (const type of new Set(a.entities.map((e) => e.type))) {
    assert.deepEqual(
      ranges.filter((r) => r.name === type).map((r) => squash(r.text)),
      a.entities.filter((e) => e.type === type).map((e) => squash(e.text)),
      `${type} highlights read as the analysis's ${type} entities`,
    );
  }
  const quoteRanges = ranges.filter((r) => r.name === "quote");
  assert.equal(quoteRanges.length, speech.length);
  speech.forEach((q, i) => {
    const covered = squash(quoteRanges[i].text);
    assert.ok(covered.includes(squash(q.text)), `quote ${q.id} highlight covers its words`);
    assert.ok(covered.length <= squash(q.text).length + 8, `quote ${q.id} highlight is no more than the quote and its marks`);
  });
  // Only the story is highlighted: not the sidebar, comments, menus or footer.
  assert.deepEqual(ranges.filter((r) => r.outside), []);
  assert.ok(ranges.every((r) => r.inStory));

  // What a reader of this article should see: the secretary of state, whose
  // name is split over <a> and <em>, is one person highlight; his quotes are his.
  const blinken = a.groups.find((g) => g.type === "person" && /Blinken$/.test(g.name));
  assert.ok(blinken, `a person group for Blinken (groups: ${a.groups.map((g) => g.name).join(", ")})`);
  const split = ranges.find((r) => r.name === "person" && squash(r.text).endsWith("Antony Blinken"));
  assert.ok(split && split.startTag === "A" && split.endTag === "EM", "Antony <em>Blinken</em> is one highlight");
  assert.ok(blinken.quotes.length >= 2, "Blinken is credited with his quotes");
  assert.ok(a.groups.some((g) => g.type === "place" && g.name === "Baghdad"), "Baghdad is a place");

  // No request left the browser for the extension's sake: the server saw nothing new.
  // (The browser's own favicon request is not the extension's.)
  assert.deepEqual(server.requests.slice(requestsBefore).filter((u) => u !== "/favicon.ico"), []);

  // A second click clears: no highlight is left and the DOM is byte for byte what it was.
  await clickAction(browser, page);
  await waitCleared(page);
  assert.deepEqual(await page.evaluate(() => [...CSS.highlights.keys()]), []);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), domBefore);
});

test("the side panel lists the cast and who said what, and clicking an entry scrolls the page to it", async () => {
  const page = await openArticle();
  await waitNoPanel(browser); // the panel of an earlier test is gone
  await clickAction(browser, page);
  const state = await waitShown(page);
  const a = state.analysis;
  const panel = await openPanelSession(browser);
  try {
    await waitFor(() => panel.evaluate(`!document.getElementById("result").hidden`), { what: "the panel to render" });
    const shown = await panel.evaluate(`({
      title: document.getElementById("title").textContent,
      cast: [...document.querySelectorAll("#cast .who")].map((e) => e.textContent),
      quotes: [...document.querySelectorAll("#quotes .entry")].map((e) => ({
        who: e.querySelector(".who").textContent,
        said: e.querySelector(".said").textContent,
      })),
    })`);
    assert.match(shown.title, /Blinken promises Iraq help/);
    // The cast is every named group, each once.
    const names = a.groups.filter((g) => NAME_TYPES.includes(g.type)).map((g) => g.name);
    assert.deepEqual([...shown.cast].sort(), [...names].sort());
    // Who said what: one entry per speech quote, in order, with its speaker's name.
    const speech = a.quotes.filter((q) => q.kind === "speech");
    assert.deepEqual(
      shown.quotes.map((q) => q.who),
      speech.map((q) => (q.speakerGroup !== null ? a.groups[q.speakerGroup].name : q.speaker ? q.speaker.text : "Unattributed")),
    );
    assert.ok(shown.quotes.some((q) => /Blinken$/.test(q.who) && q.said.includes("Daesh cannot re-emerge")));

    if (process.env.ARTICLE_LENS_SCREENSHOT) {
      await panel.evaluate(`document.querySelector("#cast .entry").click()`);
      await waitFor(() => page.evaluate(() => CSS.highlights.has("article-lens-focus")), { what: "focus" });
      await page.waitForTimeout(800); // let the smooth scroll settle
      await screenshot(page, panel, process.env.ARTICLE_LENS_SCREENSHOT);
      await page.evaluate(() => window.scrollTo({ top: 0, behavior: "instant" }));
    }

    // Clicking the last quote scrolls the page to it and marks it.
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await panel.evaluate(`document.querySelector("#quotes li:last-child .entry").click()`);
    const last = speech.at(-1);
    await waitFor(
      () =>
        page.evaluate(() => {
          const focus = CSS.highlights.get("article-lens-focus");
          if (!focus || window.scrollY === 0) return false;
          const r = [...focus][0].getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight; // settled in view
        }),
      { what: "the page to scroll to the quote" },
    );
    const focused = await page.evaluate(() => [...CSS.highlights.get("article-lens-focus")][0].toString());
    assert.ok(squash(focused).includes(squash(last.text)));

    // The panel's own button clears too.
    const domBefore = await page.evaluate(() => {
      window.scrollTo(0, 0);
      return document.documentElement.outerHTML;
    });
    await panel.evaluate(`document.getElementById("clear").click()`);
    await waitCleared(page);
    await waitNoPanel(browser); // clearing closes the panel
    assert.deepEqual(await page.evaluate(() => [...CSS.highlights.keys()]), []);
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), domBefore);
  } finally {
    await panel.detach();
  }
});

test("with the element fallback forced, marks wrap the names and clearing restores the DOM byte for byte", async () => {
  await browser.worker.evaluate(() => chrome.storage.local.set({ highlightMethod: "elements" }));
  try {
    const page = await openArticle();
    const domBefore = await page.evaluate(() => document.documentElement.outerHTML);
    await clickAction(browser, page);
    const state = await waitShown(page);
    assert.equal(state.shown.method, "elements");
    const a = state.analysis;
    const marks = await page.evaluate(() =>
      [...document.querySelectorAll("article-lens-mark")].map((m) => ({
        kinds: m.dataset.articleLens.split(" "),
        inStory: !!m.closest("#story"),
      })),
    );
    assert.ok(marks.length >= a.entities.length, "at least one mark per entity");
    assert.ok(marks.every((m) => m.inStory));
    assert.deepEqual(await page.evaluate(() => [...CSS.highlights.keys()]), []);
    // What a reader reads is unchanged while marked.
    assert.ok(await page.evaluate(() => document.body.innerText.includes("US Secretary of State Antony Blinken promised Friday")));
    await clickAction(browser, page);
    await waitCleared(page);
    assert.equal(await page.evaluate(() => document.querySelectorAll("article-lens-mark").length), 0);
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML), domBefore);
  } finally {
    await browser.worker.evaluate(() => chrome.storage.local.remove("highlightMethod"));
  }
});

test("reloading the page drops the highlights and the panel's state", async () => {
  const page = await openArticle();
  await clickAction(browser, page);
  await waitShown(page);
  await page.reload();
  await waitCleared(page);
  assert.deepEqual(await page.evaluate(() => [...CSS.highlights.keys()]), []);
  // A click after the reload works again.
  await clickAction(browser, page);
  await waitShown(page);
  await clickAction(browser, page);
  await waitCleared(page);
});

/**
 * Writes the page with the side panel beside it, as Chromium shows them: the
 * page and the panel are captured separately and put side by side by a
 * throwaway page in the same browser.
 */
async function screenshot(page, panel, file) {
  const size = await panel.evaluate(`({ width: window.innerWidth, height: window.innerHeight })`);
  const viewport = page.viewportSize();
  const { width } = viewport;
  const height = size.height;
  await page.setViewportSize({ width, height }); // the page as tall as the panel beside it
  const pageShot = await page.screenshot();
  await page.setViewportSize(viewport);
  const panelShot = await panel.screenshot();
  const frame = await browser.context.newPage();
  try {
    await frame.setViewportSize({ width: width + 1 + size.width, height });
    await frame.setContent(
      `<body style="margin:0;display:flex;align-items:flex-start;gap:1px;background:#dadce0">` +
        `<img src="data:image/png;base64,${pageShot.toString("base64")}" width="${width}" height="${height}">` +
        `<img src="data:image/png;base64,${panelShot.toString("base64")}" width="${size.width}" height="${size.height}">` +
        `</body>`,
    );
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await frame.screenshot({ path: file });
  } finally {
    await frame.close();
  }
}

test("after the service worker is stopped and restarted, a click still clears the tab it highlighted", async () => {
  const page = await openArticle();
  const domBefore = await page.evaluate(() => document.documentElement.outerHTML);
  await clickAction(browser, page);
  await waitShown(page);
  // Stop the worker, as Chromium does when it has been idle for 30 seconds.
  // (Something else, such as the panel, may start a new one at once: what
  // matters is that the worker that highlighted the tab is gone.)
  const workerTargets = async () =>
    (await browser.cdp.send("Target.getTargets")).targetInfos
      .filter((t) => t.type === "service_worker" && t.url.includes(browser.extensionId))
      .map((t) => t.targetId);
  const [old] = await workerTargets();
  assert.ok(old, "the worker is running");
  const session = await browser.context.newCDPSession(page);
  await session.send("ServiceWorker.enable");
  await session.send("ServiceWorker.stopAllWorkers");
  await session.detach();
  await waitFor(async () => !(await workerTargets()).includes(old), { what: "the worker to stop" });
  await clickAction(browser, page); // starts a new worker, which must remember the tab
  await waitCleared(page);
  assert.deepEqual(await page.evaluate(() => [...CSS.highlights.keys()]), []);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), domBefore);
});

test("a short brief (which Readability re-parses from HTML) is found on a page that requires Trusted Types", async () => {
  const page = browser.context.pages()[0];
  await page.goto(`${server.base}/brief.html`);
  const tt = await page.evaluate(() => {
    try {
      document.createElement("div").innerHTML = "<b>x</b>";
      return "parsed";
    } catch (e) {
      return e.name;
    }
  });
  assert.equal(tt, "TypeError", "the page's own world may not parse HTML from strings");
  const domBefore = await page.evaluate(() => document.documentElement.outerHTML);
  await clickAction(browser, page);
  const state = await waitShown(page);
  assert.equal(state.found, "readability");
  assert.equal(state.chars, 228, "the two paragraphs of the brief, no menu or related link");
  const ranges = await highlightRanges(page);
  assert.ok(ranges.length > 0 && ranges.every((r) => !r.text.includes("Ferry")));
  await clickAction(browser, page);
  await waitCleared(page);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), domBefore);
});

test("two quick clicks (the second may land while the article is still being read) leave the page as it was", async () => {
  const page = await openArticle();
  const domBefore = await page.evaluate(() => document.documentElement.outerHTML);
  await clickAction(browser, page);
  await clickAction(browser, page);
  await waitCleared(page);
  // Give a cancelled run time to finish what it was doing, then check nothing is left.
  await page.waitForTimeout(1500);
  assert.equal(await tabState(browser, page), null);
  assert.deepEqual(await page.evaluate(() => [...CSS.highlights.keys()]), []);
  assert.equal(await page.evaluate(() => document.documentElement.outerHTML), domBefore);
  await waitNoPanel(browser);
});
