// article-lens service worker: what one click on the toolbar button does.
//
// The analysis runs here, in the extension's own context, with the
// WebAssembly module packaged inside the extension and loaded by
// chrome.runtime.getURL. So it works on any page, even one whose own CSP
// forbids WebAssembly or all scripts: the page only ever gets a content
// script (in the isolated world) and a stylesheet. The manifest's only CSP
// relaxation is 'wasm-unsafe-eval' for the extension's own pages and this
// worker. Nothing here makes a network request.
//
// A click on a tab without highlights: open the side panel for that tab,
// inject Readability + content.js, read the article, analyze it, highlight it.
// A click on a tab with highlights: clear them and close the panel.
// Permissions are only activeTab (granted by the click, for that tab),
// scripting and sidePanel: no host permissions, no access to any page the
// user did not click the button on.

import init, { analyze } from "./pkg/article_lens.js";

/** Loads the analyzer once per worker lifetime. */
let analyzerReady = null;
function loadAnalyzer() {
  analyzerReady ??= init({ module_or_path: chrome.runtime.getURL("pkg/article_lens_bg.wasm") }).catch((e) => {
    analyzerReady = null; // try again on the next click
    throw e;
  });
  return analyzerReady;
}

/**
 * Tabs with highlights shown, kept in memory so a click can decide at once
 * (opening the side panel must happen synchronously in the click handler),
 * and in storage.session for the panel, which may load after the worker
 * restarted.
 */
const active = new Set();
/** The run in progress per tab: a click that clears during a run cancels it. */
const runs = new Map();
const stateKey = (tabId) => `tab:${tabId}`;
// After the worker was stopped and restarted, the tabs with highlights come
// back from storage.session.
const restored = chrome.storage.session.get(null).then((all) => {
  for (const [key, state] of Object.entries(all)) {
    if (key.startsWith("tab:") && state?.status === "shown") active.add(Number(key.slice(4)));
  }
});

async function setState(tabId, state) {
  await chrome.storage.session.set({ [stateKey(tabId)]: state });
  chrome.runtime.sendMessage({ type: "article-lens:update", tabId }).catch(() => {});
}

async function getState(tabId) {
  return (await chrome.storage.session.get(stateKey(tabId)))[stateKey(tabId)] ?? null;
}

/** Runs `fn(...args)` in the tab's isolated world, where content.js lives. */
async function inTab(tabId, fn, ...args) {
  const [r] = await chrome.scripting.executeScript({ target: { tabId }, func: fn, args });
  return r?.result;
}

function openPanel(tabId) {
  // Both calls are made synchronously in the click handler, without awaiting:
  // sidePanel.open() needs the user gesture, which an await would lose.
  chrome.sidePanel.setOptions({ tabId, path: `panel.html?tab=${tabId}`, enabled: true });
  chrome.sidePanel.open({ tabId }).catch((e) => console.warn("article-lens: no side panel", e));
}

async function closePanel(tabId) {
  await chrome.sidePanel.setOptions({ tabId, enabled: false }).catch(() => {});
}

/** Reads, analyzes and highlights the article in `tabId`. */
async function lens(tabId) {
  const run = {};
  runs.set(tabId, run);
  const cancelled = () => runs.get(tabId) !== run;
  active.add(tabId);
  await setState(tabId, { status: "working" });
  try {
    await chrome.scripting.executeScript({
      target: { tabId },
      files: ["vendor/Readability.js", "content.js"],
    });
    await chrome.scripting.insertCSS({ target: { tabId }, files: ["highlight.css"] });
    const readStarted = performance.now();
    const page = await inTab(tabId, () => globalThis.__articleLens.extract());
    const readMs = performance.now() - readStarted;
    await loadAnalyzer();
    const started = performance.now();
    const analysis = analyze(page.text);
    const ms = performance.now() - started;
    const { highlightMethod = "auto" } = await chrome.storage.local.get("highlightMethod");
    if (cancelled()) return;
    const shown = await inTab(
      tabId,
      (a, m) => globalThis.__articleLens.highlight(a, m),
      analysis,
      highlightMethod,
    );
    if (cancelled()) {
      await inTab(tabId, () => globalThis.__articleLens.clear());
      return;
    }
    chrome.action.setBadgeText({ tabId, text: "on" }).catch(() => {});
    await setState(tabId, {
      status: "shown",
      title: page.title,
      url: page.url,
      found: page.method,
      chars: page.text.length,
      readMs,
      ms,
      shown,
      analysis,
    });
  } catch (e) {
    if (cancelled()) return;
    active.delete(tabId);
    await setState(tabId, { status: "error", message: String(e?.message ?? e) });
  } finally {
    if (!cancelled()) runs.delete(tabId);
  }
}

/** Removes the highlights and the stylesheet from `tabId`. */
async function clearTab(tabId) {
  active.delete(tabId);
  runs.delete(tabId);
  chrome.action.setBadgeText({ tabId, text: "" }).catch(() => {});
  await inTab(tabId, () => globalThis.__articleLens?.clear()).catch(() => {});
  await chrome.scripting.removeCSS({ target: { tabId }, files: ["highlight.css"] }).catch(() => {});
  await chrome.storage.session.remove(stateKey(tabId));
  chrome.runtime.sendMessage({ type: "article-lens:update", tabId }).catch(() => {});
  await closePanel(tabId);
}

/** What a click on the toolbar button (or its keyboard shortcut) does. */
function onAction(tab) {
  const tabId = tab.id;
  if (tabId === undefined) return Promise.resolve();
  if (active.has(tabId)) return clearTab(tabId);
  // Open the panel at once, while the click's user gesture lasts; if the
  // worker had restarted and the tab turns out to have highlights, the
  // click clears them instead (and closes the panel again).
  openPanel(tabId);
  loadAnalyzer().catch(() => {}); // in parallel with reading the page; errors surface in lens()
  return restored.then(() => (active.has(tabId) ? clearTab(tabId) : lens(tabId)));
}
chrome.action.onClicked.addListener(onAction);
chrome.action.setBadgeBackgroundColor({ color: "#0072b2" }).catch(() => {});

// Messages from the side panel.
chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (sender.id !== chrome.runtime.id) return false;
  if (msg?.type === "article-lens:get") {
    getState(msg.tabId).then(reply);
    return true;
  }
  if (msg?.type === "article-lens:clear") {
    clearTab(msg.tabId).then(() => reply(true));
    return true;
  }
  return false;
});

// A page that navigates or reloads loses its highlights (and our access).
// A same-document navigation keeps the document, so clear it if we still can.
chrome.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === "loading" && active.has(tabId)) clearTab(tabId);
});
chrome.tabs.onRemoved.addListener((tabId) => {
  active.delete(tabId);
  runs.delete(tabId);
  chrome.storage.session.remove(stateKey(tabId));
});
