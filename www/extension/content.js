// article-lens content script: finds the article body, turns it into one
// string for the analyzer, and maps the analyzer's UTF-16 offsets back onto
// the page's own text nodes to highlight them.
//
// Design decisions, and what they cost:
//
// - The page is never rewritten. Highlights are `Range`s registered with the
//   CSS Custom Highlight API (`CSS.highlights`), which paints them without a
//   single DOM change; styles come from a stylesheet the extension injects
//   with `chrome.scripting.insertCSS`, which is not part of the DOM either.
//   Only where that API is missing do we wrap text in <article-lens-mark>
//   elements, recording every split so that clearing puts back the very same
//   text nodes with the very same data. A custom element name is used so the
//   page's own `mark` styles do not apply. Cost: highlights are paint-only,
//   so a page script that reads `CSS.highlights` can see them.
// - The article body is found by Mozilla's Readability, run on a *clone* of
//   the document (it mutates what it parses, and may re-parse it from HTML).
//   Before parsing, every element of the clone is numbered with an attribute
//   (the clone's elements are the live ones in the same order); the numbers
//   survive Readability's moves, renames and re-parses, so the elements it
//   keeps name their live twins, and the article is the live text nodes whose
//   parent is one of them. Cost: text Readability cut out of a kept element
//   (rare; it removes whole elements) is read anyway; a page that changes
//   between reading and highlighting loses the highlights that no longer fit.
// - The analyzed text is what a reader sees: runs of white space collapse to
//   one space as CSS does (except in preformatted text), and each block
//   element (by computed `display`) or <br> starts a new line, so the
//   analyzer sees paragraphs. Every code unit of that string remembers its
//   text node and offset, so a name split over <a>Antony</a> <em>Blinken</em>
//   is one Range from the first node to the last. Cost: two numbers per
//   code unit of article text while the highlights are shown.
//
// Everything runs in the extension's isolated world: page scripts cannot
// reach these functions, and the page's CSP (even `script-src 'none'`) does
// not apply. Page text is only ever put into the DOM with `textContent`
// (never `innerHTML`), and only in the fallback.
//
// The functions are exposed as `globalThis.__articleLens` in the isolated
// world, where the extension calls them with `chrome.scripting.executeScript`.
// Injecting the script twice is harmless.

(() => {
  "use strict";
  if (globalThis.__articleLens) return;

  const PREFIX = "article-lens";
  /** Entity types, in the order the contract lists them. */
  const ENTITY_TYPES = [
    "person",
    "organization",
    "place",
    "group",
    "misc",
    "date",
    "time",
    "money",
    "percent",
  ];
  /** Elements whose text is never article text. */
  const SKIP = new Set([
    "SCRIPT",
    "STYLE",
    "NOSCRIPT",
    "TEMPLATE",
    "TEXTAREA",
    "SELECT",
    "OPTION",
    "BUTTON",
    "IFRAME",
    "OBJECT",
    "SVG",
    "svg",
    "CANVAS",
    "HEAD",
    "TITLE",
  ]);
  /** The separator put between blocks; the analyzer reads a line as a paragraph. */
  const BLOCK_SEPARATOR = "\n\n";
  /** Below this many characters, Readability's pick is not trusted. */
  const MIN_ARTICLE_CHARS = 200;

  /** The state of the page while highlights are shown, or null. */
  let current = null;

  // ---- finding the article ------------------------------------------------

  /** The attribute that numbers the clone's elements for Readability. */
  const INDEX_ATTR = "data-article-lens-index";

  /** All text nodes under `root` (live), in document order. */
  function textNodesUnder(root) {
    const out = [];
    const w = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n);
    return out;
  }

  /** The live elements Readability keeps as the article, or null. */
  function readabilityElements(doc) {
    const Readability = globalThis.Readability;
    if (typeof Readability !== "function") return null;
    const clone = doc.cloneNode(true);
    const live = Array.from(doc.getElementsByTagName("*"));
    const cloned = clone.getElementsByTagName("*");
    if (cloned.length !== live.length) return null;
    for (let i = 0; i < cloned.length; i++) cloned[i].setAttribute(INDEX_ATTR, String(i));
    // `serializer` returns the result element itself instead of its HTML.
    const article = new Readability(clone, { serializer: (el) => el }).parse();
    if (!article || !article.content) return null;
    const kept = new Set();
    for (const el of article.content.querySelectorAll(`[${INDEX_ATTR}]`)) {
      const twin = live[Number(el.getAttribute(INDEX_ATTR))];
      if (twin) kept.add(twin);
    }
    return { kept, title: article.title };
  }

  /**
   * The live text nodes of the article body, in document order, the title,
   * and how they were found ("readability" or "fallback").
   */
  function articleTextNodes(doc) {
    let title = doc.title || "";
    try {
      const found = readabilityElements(doc);
      if (found && doc.body) {
        if (found.title) title = found.title;
        const nodes = textNodesUnder(doc.body).filter((t) => found.kept.has(t.parentElement));
        const chars = nodes.reduce((sum, n) => sum + n.data.trim().length, 0);
        if (chars >= MIN_ARTICLE_CHARS) return { nodes, title, method: "readability" };
      }
    } catch (e) {
      console.warn("article-lens: Readability failed, using the page's main element", e);
    }
    const root =
      doc.querySelector("article") ||
      doc.querySelector("main, [role=main]") ||
      doc.body ||
      doc.documentElement;
    return { nodes: textNodesUnder(root), title, method: "fallback" };
  }

  // ---- text and its map back to the page ----------------------------------

  const isCollapsible = (c) => c === " " || c === "\n" || c === "\t" || c === "\r" || c === "\f";

  /**
   * Builds the analyzed text from `nodes`. Returns `{text, nodes, unitNode,
   * unitOffset}`: for each UTF-16 code unit of `text`, the index of its text
   * node (-1 for separators we inserted) and its offset in that node.
   */
  function buildText(nodes) {
    const view = nodes[0]?.ownerDocument?.defaultView || window;
    const styleCache = new Map();
    const style = (el) => {
      let s = styleCache.get(el);
      if (!s) {
        const cs = view.getComputedStyle(el);
        s = { display: cs.display, whiteSpace: cs.whiteSpace };
        styleCache.set(el, s);
      }
      return s;
    };
    const isInline = (el) => {
      const d = style(el).display;
      return d.startsWith("inline") || d === "contents" || d === "ruby";
    };
    const blockOf = (el) => {
      let e = el;
      while (e && e.parentElement && isInline(e)) e = e.parentElement;
      return e;
    };
    const skipped = (el) => {
      for (let e = el; e; e = e.parentElement) if (SKIP.has(e.nodeName)) return true;
      if (typeof el.checkVisibility === "function" && !el.checkVisibility()) return true;
      return false;
    };
    // A <br> just before `t` (ignoring white space), within its block.
    const brBefore = (t, block) => {
      for (let n = t; n && n !== block; n = n.parentNode) {
        let s = n.previousSibling;
        while (s && s.nodeType === Node.TEXT_NODE && !s.data.trim()) s = s.previousSibling;
        if (s) return s.nodeName === "BR";
      }
      return false;
    };

    const kept = [];
    const chars = [];
    const unitNode = [];
    const unitOffset = [];
    let lastBlock = null;
    // Separators and spaces are only written once text follows them, so
    // the text never starts or ends with white space we made.
    let lineStart = true;
    let pendingBreak = false;
    let pendingSpace = null; // [nodeIndex, offset] of the first white space of a run
    const emit = (s, ni, off) => {
      chars.push(s);
      unitNode.push(ni);
      unitOffset.push(off);
    };
    for (const t of nodes) {
      const parent = t.parentElement;
      if (!parent || skipped(parent) || t.data.length === 0) continue;
      const block = blockOf(parent);
      if (lastBlock !== null && (block !== lastBlock || brBefore(t, block))) {
        if (!lineStart) pendingBreak = true;
        pendingSpace = null;
      }
      lastBlock = block;
      const ni = kept.length;
      kept.push(t);
      const ws = style(parent).whiteSpace;
      const pre = ws.startsWith("pre") || ws === "break-spaces";
      const data = t.data;
      for (let i = 0; i < data.length; i++) {
        const c = data[i];
        if (!pre && isCollapsible(c)) {
          if (!lineStart && !pendingBreak && pendingSpace === null) pendingSpace = [ni, i];
          continue;
        }
        if (pendingBreak) {
          for (const b of BLOCK_SEPARATOR) emit(b, -1, 0);
          pendingBreak = false;
        } else if (pendingSpace) {
          emit(" ", pendingSpace[0], pendingSpace[1]);
        }
        pendingSpace = null;
        emit(c, ni, i);
        lineStart = c === "\n";
      }
    }
    return {
      text: chars.join(""),
      nodes: kept,
      data: kept.map((n) => n.data), // what each node said when read (strings are shared, not copied)
      unitNode: Int32Array.from(unitNode),
      unitOffset: Int32Array.from(unitOffset),
    };
  }

  /**
   * The page positions of the code units `start..end` of the text, trimmed of
   * separators we inserted: `[first, last]` unit indices, or null.
   */
  function unitBounds(map, start, end) {
    let s = Math.max(0, start);
    let e = Math.min(end, map.unitNode.length) - 1;
    while (s <= e && map.unitNode[s] < 0) s++;
    while (e >= s && map.unitNode[e] < 0) e--;
    if (s > e) return null;
    // Text the page changed since we read it is left alone.
    for (let ni = map.unitNode[s]; ni <= map.unitNode[e]; ni++) {
      if (!map.nodes[ni].isConnected || map.nodes[ni].data !== map.data[ni]) return null;
    }
    return [s, e];
  }

  /** A live Range over the text `start..end` (UTF-16, end-exclusive), or null. */
  function rangeFor(map, start, end) {
    const b = unitBounds(map, start, end);
    if (!b) return null;
    const [s, e] = b;
    const first = map.nodes[map.unitNode[s]];
    const last = map.nodes[map.unitNode[e]];
    try {
      const r = new Range();
      r.setStart(first, map.unitOffset[s]);
      r.setEnd(last, map.unitOffset[e] + 1);
      return r;
    } catch {
      return null;
    }
  }

  // ---- what to highlight ----------------------------------------------------

  /**
   * The spans to highlight: every entity and every speech quote, each with a
   * key (`e<id>` or `q<id>`) the panel uses to ask for it, and its kind (the
   * entity type or "quote").
   */
  function spansOf(analysis) {
    const spans = [];
    for (const q of analysis.quotes || []) {
      if (q.kind === "speech") spans.push({ key: `q${q.id}`, kind: "quote", start: q.start, end: q.end });
    }
    for (const e of analysis.entities || []) {
      if (ENTITY_TYPES.includes(e.type)) {
        spans.push({ key: `e${e.id}`, kind: e.type, start: e.start, end: e.end });
      }
    }
    return spans;
  }

  const highlightName = (kind) => `${PREFIX}-${kind}`;
  const ALL_KINDS = ["quote", ...ENTITY_TYPES, "focus"];

  function highlightWithApi(map, spans) {
    const groups = new Map();
    const ranges = new Map();
    for (const s of spans) {
      const r = rangeFor(map, s.start, s.end);
      if (!r) continue;
      ranges.set(s.key, r);
      if (!groups.has(s.kind)) groups.set(s.kind, []);
      groups.get(s.kind).push(r);
    }
    for (const [kind, rs] of groups) {
      const h = new Highlight(...rs);
      h.priority = kind === "quote" ? 0 : 1; // names paint over the quote they sit in
      CSS.highlights.set(highlightName(kind), h);
    }
    return {
      method: "highlight-api",
      ranges,
      undo() {
        for (const kind of ALL_KINDS) CSS.highlights.delete(highlightName(kind));
      },
    };
  }

  /**
   * The fallback: wraps each piece of text covered by some span in an
   * <article-lens-mark data-article-lens="quote person">, splitting text
   * nodes at every span boundary. Records each split so `undo` restores the
   * original nodes, with their original data, in place.
   */
  function highlightWithElements(map, spans) {
    const doc = map.nodes[0]?.ownerDocument || document;
    // Per text node: the [from, to, span] pieces that cover it.
    const perNode = new Map();
    for (const s of spans) {
      const b = unitBounds(map, s.start, s.end);
      if (!b) continue;
      let u = b[0];
      while (u <= b[1]) {
        const ni = map.unitNode[u];
        if (ni < 0) {
          u++;
          continue;
        }
        const from = map.unitOffset[u];
        let v = u;
        while (v + 1 <= b[1] && map.unitNode[v + 1] === ni) v++;
        if (!perNode.has(ni)) perNode.set(ni, []);
        perNode.get(ni).push([from, map.unitOffset[v] + 1, s]);
        u = v + 1;
      }
    }
    const records = [];
    const elementsOf = new Map(); // span key -> elements, in order
    for (const [ni, allPieces] of perNode) {
      const node = map.nodes[ni];
      const data = node.data;
      // A piece past the end means the page changed this node since we read it.
      const pieces = allPieces.filter(([, to]) => to <= data.length);
      const cuts = new Set([0, data.length]);
      for (const [from, to] of pieces) {
        cuts.add(from);
        cuts.add(to);
      }
      const bounds = [...cuts].sort((x, y) => x - y);
      const parts = [node];
      for (let i = bounds.length - 2; i >= 1; i--) parts.splice(1, 0, node.splitText(bounds[i]));
      // parts[i] covers bounds[i]..bounds[i+1].
      const wrappers = [];
      for (let i = 0; i < parts.length; i++) {
        const covering = pieces.filter(([from, to]) => from <= bounds[i] && bounds[i + 1] <= to);
        if (covering.length === 0) continue;
        const kinds = [...new Set(covering.map(([, , s]) => s.kind))];
        kinds.sort((x, y) => (x === "quote" ? -1 : y === "quote" ? 1 : 0));
        const mark = doc.createElement(`${PREFIX}-mark`);
        mark.setAttribute("data-article-lens", kinds.join(" "));
        parts[i].replaceWith(mark);
        mark.appendChild(parts[i]);
        wrappers.push(mark);
        for (const [, , s] of covering) {
          if (!elementsOf.has(s.key)) elementsOf.set(s.key, []);
          elementsOf.get(s.key).push(mark);
        }
      }
      records.push({ node, data, parts, wrappers });
    }
    for (const els of elementsOf.values()) {
      els.sort((p, q) => (p.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    }
    return {
      method: "elements",
      elementsOf,
      undo() {
        for (const r of records) {
          for (const w of r.wrappers) if (w.firstChild) w.replaceWith(w.firstChild);
          for (const p of r.parts.slice(1)) p.remove();
          r.node.data = r.data;
        }
      },
    };
  }

  // ---- the API the extension calls --------------------------------------------

  /** Reads the article: `{text, title, method, chars}`. Keeps the map for `highlight`. */
  function extract() {
    clear();
    const found = articleTextNodes(document);
    const map = buildText(found.nodes);
    current = { map, shown: null };
    return { text: map.text, title: found.title, method: found.method, url: location.href };
  }

  /**
   * Highlights `analysis` (of the text `extract` returned). `method` is
   * "auto" (the Highlight API where it exists), or "elements" to force the
   * fallback. Returns what was done, for the panel and the tests.
   */
  function highlight(analysis, method = "auto") {
    if (!current) throw new Error("article-lens: highlight() before extract()");
    if (current.shown) current.shown.undo();
    const spans = spansOf(analysis);
    const useApi = method !== "elements" && typeof Highlight === "function" && globalThis.CSS?.highlights;
    current.shown = useApi ? highlightWithApi(current.map, spans) : highlightWithElements(current.map, spans);
    const shownKeys = useApi ? current.shown.ranges.size : current.shown.elementsOf.size;
    return { method: current.shown.method, spans: spans.length, shown: shownKeys };
  }

  /** Removes every highlight and forgets the page's text. */
  function clear() {
    if (current?.shown) current.shown.undo();
    if (globalThis.CSS?.highlights) CSS.highlights.delete(highlightName("focus"));
    current = null;
    return true;
  }

  /** Scrolls the span with `key` into view and marks it as the focused one. */
  function focus(key) {
    if (!current?.shown) return null;
    const shown = current.shown;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    let rect;
    if (shown.method === "highlight-api") {
      const range = shown.ranges.get(key);
      if (!range) return null;
      CSS.highlights.set(highlightName("focus"), Object.assign(new Highlight(range), { priority: 2 }));
      rect = range.getBoundingClientRect();
      const anchor = range.startContainer.parentElement;
      scrollToRect(rect, anchor, smooth);
    } else {
      const els = shown.elementsOf.get(key);
      if (!els || els.length === 0) return null;
      for (const e of document.querySelectorAll(`${PREFIX}-mark[data-article-lens-focus]`)) {
        e.removeAttribute("data-article-lens-focus");
      }
      for (const e of els) e.setAttribute("data-article-lens-focus", "");
      rect = els[0].getBoundingClientRect();
      scrollToRect(rect, els[0], smooth);
    }
    return { key };
  }

  /** Brings `rect` to a third of the way down the window, or its element into view. */
  function scrollToRect(rect, anchor, smooth) {
    const behavior = smooth ? "smooth" : "instant";
    const scroller = document.scrollingElement;
    const canScrollWindow = scroller && scroller.scrollHeight > window.innerHeight;
    if (canScrollWindow && getComputedStyle(document.body || scroller).overflowY !== "hidden") {
      window.scrollTo({ top: window.scrollY + rect.top - window.innerHeight / 3, behavior });
    } else if (anchor) {
      anchor.scrollIntoView({ block: "center", behavior });
    }
  }

  /** Whether highlights are shown now, and how. */
  function status() {
    return current?.shown ? { active: true, method: current.shown.method } : { active: false };
  }

  globalThis.__articleLens = {
    extract,
    highlight,
    clear,
    focus,
    status,
    // Exposed for the tests of the text mapping, which run this file in a plain page.
    internals: { buildText, rangeFor, articleTextNodes, spansOf },
  };
})();
