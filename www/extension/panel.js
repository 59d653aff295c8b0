// The side panel: the cast and who said what for one tab. It only shows what
// the service worker stored for that tab, and asks the page's content script
// to scroll to an entry when it is clicked. Page text is put into the panel
// with textContent only.

"use strict";

const tabId = Number(new URLSearchParams(location.search).get("tab"));
const $ = (id) => document.getElementById(id);

const NAME_TYPES = ["person", "organization", "place", "group", "misc"];
const FACT_TYPES = ["date", "time", "money", "percent"];
const TYPE_LABEL = {
  person: "Person",
  organization: "Organization",
  place: "Place",
  group: "Group",
  misc: "Other name",
  date: "Date",
  time: "Time",
  money: "Money",
  percent: "Percent",
  quote: "Speech quote",
};
const QUOTE_CHARS = 240;

/** Creates an element with a class and text, never parsing HTML. */
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function swatch(type) {
  const s = el("span", "swatch");
  s.style.background = `var(--${type})`;
  s.setAttribute("aria-hidden", "true");
  return s;
}

/** Asks the page to scroll to the span with `key` and mark it. */
function focusInPage(key) {
  return chrome.scripting
    .executeScript({ target: { tabId }, func: (k) => globalThis.__articleLens?.focus(k), args: [key] })
    .catch((e) => showStatus(`Cannot reach the page: ${e.message}`, true));
}

function entryButton(key, label) {
  const b = el("button", "entry");
  b.type = "button";
  b.dataset.key = key;
  if (label) b.setAttribute("aria-label", label);
  return b;
}

function showStatus(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

function shorten(s, n) {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length <= n ? t : `${t.slice(0, n - 1).trimEnd()}…`;
}

function render(state) {
  const shown = state?.status === "shown";
  $("result").hidden = !shown;
  $("clear").hidden = !(shown || state?.status === "working");
  if (!state) {
    $("title").textContent = "No article yet";
    showStatus("Click the article-lens button on a news article.");
    return;
  }
  if (state.status === "working") {
    showStatus("Reading the article…");
    return;
  }
  if (state.status === "error") {
    $("title").textContent = "Could not read this page";
    showStatus(state.message, true);
    return;
  }
  const a = state.analysis;
  $("title").textContent = state.title || "Untitled page";
  const speech = a.quotes.filter((q) => q.kind === "speech");
  const names = a.groups.filter((g) => NAME_TYPES.includes(g.type));
  showStatus(
    `${names.length} names, ${speech.length} quotes in ${state.chars.toLocaleString()} characters ` +
      `(article found by ${state.found === "readability" ? "Readability" : "the page's main element"}, ` +
      `analyzed in ${Math.max(1, Math.round(state.ms))} ms).`,
  );

  // Who said what, in reading order.
  const quotes = $("quotes");
  quotes.replaceChildren();
  for (const q of speech) {
    const g = q.speakerGroup === null ? null : a.groups[q.speakerGroup];
    const who = g ? g.name : q.speaker ? q.speaker.text : "Unattributed";
    const b = entryButton(`q${q.id}`);
    b.append(el("span", g || q.speaker ? "who" : "who unknown", who));
    if (g && q.speaker && q.speaker.text !== g.name) b.append(el("span", "meta", `(“${q.speaker.text}”)`));
    b.append(el("span", "said", shorten(q.text, QUOTE_CHARS)));
    const li = el("li");
    li.append(b);
    quotes.append(li);
  }
  $("quotes-empty").hidden = speech.length > 0;

  // The cast: people first, then organizations, places, groups, other names;
  // within a type, the most mentioned first. A click goes to the next mention.
  const cast = $("cast");
  cast.replaceChildren();
  const order = (g) => NAME_TYPES.indexOf(g.type);
  const sorted = [...names].sort(
    (x, y) => order(x) - order(y) || y.mentions.length - x.mentions.length || x.id - y.id,
  );
  for (const g of sorted) {
    const b = entryButton(`e${g.mentions[0]}`, `${g.name}, ${TYPE_LABEL[g.type]}`);
    b.dataset.group = String(g.id);
    b.append(swatch(g.type), el("span", "who", g.name));
    const bits = [`${TYPE_LABEL[g.type].toLowerCase()}`, `${g.mentions.length}×`];
    if (g.quotes.length) bits.push(`${g.quotes.length} quote${g.quotes.length === 1 ? "" : "s"}`);
    b.append(el("span", "meta", bits.join(" · ")));
    let next = 0;
    b.addEventListener("click", () => {
      const id = g.mentions[next % g.mentions.length];
      next += 1;
      focusInPage(`e${id}`);
    });
    const li = el("li");
    li.append(b);
    cast.append(li);
  }
  $("cast-empty").hidden = names.length > 0;

  // Dates and numbers: each distinct text once, at its first mention.
  const facts = $("facts");
  facts.replaceChildren();
  const seen = new Set();
  for (const e of a.entities) {
    if (!FACT_TYPES.includes(e.type) || seen.has(e.text)) continue;
    seen.add(e.text);
    const b = entryButton(`e${e.id}`, `${e.text}, ${TYPE_LABEL[e.type]}`);
    b.append(swatch(e.type), document.createTextNode(e.text));
    const li = el("li");
    li.append(b);
    facts.append(li);
  }
  $("facts-empty").hidden = seen.size > 0;

  for (const b of document.querySelectorAll("#quotes .entry, #facts .entry")) {
    b.addEventListener("click", () => focusInPage(b.dataset.key));
  }
}

function renderLegend() {
  const legend = $("legend");
  for (const type of ["quote", ...NAME_TYPES, "date", "money"]) {
    const li = el("li");
    const label = type === "date" ? "Date, time" : type === "money" ? "Money, percent" : TYPE_LABEL[type];
    li.append(swatch(type), document.createTextNode(label));
    legend.append(li);
  }
}

async function refresh() {
  if (!Number.isInteger(tabId)) return render(null);
  render(await chrome.runtime.sendMessage({ type: "article-lens:get", tabId }));
}

chrome.runtime.onMessage.addListener((msg) => {
  if (msg?.type === "article-lens:update" && msg.tabId === tabId) refresh();
});
$("clear").addEventListener("click", () => chrome.runtime.sendMessage({ type: "article-lens:clear", tabId }));
renderLegend();
refresh();
