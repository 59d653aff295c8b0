// The article-lens page: paste an article, see its entities highlighted,
// its quotes labeled with their speakers, and its cast.
//
// Safety: the article is never parsed as HTML. Every piece of it enters the
// page as a Text node (Element.append with a string, or textContent), and
// speaker names only as attribute values; no innerHTML anywhere.
//
// Offsets from analyze() are UTF-16 code units, the same units as JavaScript
// strings, so text.slice(start, end) cuts the article directly.

import init, { analyze, entityTypes } from './pkg/article_lens.js';

const LABELS = {
  person: 'Person',
  organization: 'Organization',
  place: 'Place',
  group: 'Group',
  misc: 'Other name',
  date: 'Date',
  time: 'Time',
  money: 'Money',
  percent: 'Percent',
};
const ATTRIBUTION = {
  adjacent: 'named in the same sentence',
  pronoun: 'a pronoun resolved to an earlier person',
  colon: 'introduced with a colon',
  continuation: 'continues the previous quote',
  none: 'no speaker found',
};

const $ = (id) => document.getElementById(id);
const textarea = $('text');
const statusLine = $('status');
const legend = $('legend');
const reading = $('reading');
const article = $('article');
const castList = $('cast');
const quotesBox = $('quotes');
const stepStatus = $('step');
const sampleButton = $('sample');

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const numberFormat = new Intl.NumberFormat('en');

/** Creates an element; string children become Text nodes (never HTML). */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'onclick') node.addEventListener('click', value);
    else if (key in node && !key.startsWith('aria')) node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

// ---------------------------------------------------------------------------
// State

let types = [];
const hidden = new Set();
let view = null; // { text, analysis, mentionEls, quoteEls, cursor }

// ---------------------------------------------------------------------------
// The legend

function buildLegend() {
  for (const type of types) {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'legend-entry',
        'aria-pressed': 'true',
        dataset: { type },
        onclick: () => toggleType(type, button),
      },
      h('span', { class: `swatch ent-${type}`, 'aria-hidden': 'true' }),
      LABELS[type] ?? type,
      h('span', { class: 'count' }),
    );
    legend.append(h('li', {}, button));
  }
}

function toggleType(type, button) {
  const show = hidden.has(type);
  if (show) hidden.delete(type);
  else hidden.add(type);
  button.setAttribute('aria-pressed', String(show));
  reading.classList.toggle(`hide-${type}`, !show);
}

function updateLegendCounts(analysis) {
  const counts = new Map();
  for (const e of analysis?.entities ?? []) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  for (const button of legend.querySelectorAll('.legend-entry')) {
    const n = counts.get(button.dataset.type) ?? 0;
    button.querySelector('.count').textContent = analysis ? numberFormat.format(n) : '';
    button.classList.toggle('none', Boolean(analysis) && n === 0);
    button.title = `${n} ${n === 1 ? 'mention' : 'mentions'}; press to show or hide`;
  }
}

// ---------------------------------------------------------------------------
// The article

/** A speaker's name for a quote, as a reader should see it, or null. */
function speakerName(analysis, quote) {
  if (quote.speakerGroup !== null) return analysis.groups[quote.speakerGroup].name;
  return quote.speaker ? quote.speaker.text : null;
}

function quoteTitle(analysis, quote) {
  if (quote.kind === 'scare') return 'Quoted term or scare quote: nobody’s speech';
  const name = speakerName(analysis, quote);
  const parts = [name ? `Speaker: ${name}` : 'Speaker unknown'];
  if (quote.speaker && quote.speaker.text !== name) parts.push(`named as “${quote.speaker.text}”`);
  if (quote.cue) parts.push(`cue “${quote.cue.text}”`);
  parts.push(ATTRIBUTION[quote.attribution] ?? quote.attribution);
  return parts.join(' · ');
}

/**
 * Appends text[from, to) to `parent`, wrapping the items (quotes and
 * entities, sorted by start, longest first) in their elements; an item inside
 * another becomes its child. An item that crosses its parent's end is cut
 * there (its remainder stays plain text), so no text is ever lost.
 */
function fill(parent, text, from, to, items, make) {
  let pos = from;
  let i = 0;
  while (i < items.length) {
    const item = items[i];
    if (item.start < pos || item.end <= item.start) {
      i++;
      continue;
    }
    if (item.start > pos) parent.append(text.slice(pos, item.start));
    const inner = [];
    let j = i + 1;
    for (; j < items.length && items[j].start < item.end; j++) {
      inner.push({ ...items[j], end: Math.min(items[j].end, item.end) });
    }
    const node = make(item);
    fill(node, text, item.start, item.end, inner, make);
    parent.append(node);
    pos = item.end;
    i = j;
  }
  if (pos < to) parent.append(text.slice(pos, to));
}

function renderArticle(text, analysis) {
  const mentionEls = new Array(analysis.entities.length);
  const quoteEls = new Array(analysis.quotes.length);
  const make = (item) => {
    if (item.kind === 'entity') {
      const e = analysis.entities[item.id];
      const group = analysis.groups[e.group];
      const node = h('mark', {
        class: `ent ent-${e.type}`,
        tabindex: '-1',
        title: `${LABELS[e.type] ?? e.type}: ${group.name}`,
        dataset: { entity: e.id, group: e.group },
      });
      mentionEls[e.id] = node;
      return node;
    }
    const q = analysis.quotes[item.id];
    const name = speakerName(analysis, q);
    const classes = ['quote', q.kind];
    if (item.first) classes.push('first');
    if (q.kind === 'speech' && !name) classes.push('unattributed');
    const node = h('span', {
      class: classes.join(' '),
      tabindex: '-1',
      title: quoteTitle(analysis, q),
      dataset: { quote: q.id },
    });
    if (item.first && q.kind === 'speech') node.dataset.speaker = name ?? 'speaker unknown';
    if (item.first) quoteEls[q.id] = node;
    return node;
  };

  const frag = document.createDocumentFragment();
  const { entities, quotes, paragraphs } = analysis;
  let ei = 0;
  let qi = 0;
  for (const p of paragraphs) {
    const items = [];
    while (qi < quotes.length && quotes[qi].end <= p.start) qi++;
    for (let k = qi; k < quotes.length && quotes[k].start < p.end; k++) {
      const q = quotes[k];
      if (q.end <= p.start) continue;
      items.push({
        kind: 'quote',
        id: q.id,
        start: Math.max(q.start, p.start),
        end: Math.min(q.end, p.end),
        first: q.start >= p.start,
      });
    }
    while (ei < entities.length && entities[ei].end <= p.start) ei++;
    for (; ei < entities.length && entities[ei].start < p.end; ei++) {
      const e = entities[ei];
      items.push({ kind: 'entity', id: e.id, start: Math.max(e.start, p.start), end: Math.min(e.end, p.end) });
    }
    // Outer before inner: by start, then longest first, then quotes first.
    items.sort((a, b) => a.start - b.start || b.end - a.end || (a.kind === 'quote' ? -1 : 1));
    const para = h('p');
    fill(para, text, p.start, p.end, items, make);
    frag.append(para);
  }
  if (paragraphs.length === 0) {
    frag.append(h('p', { class: 'placeholder' }, 'The annotated article appears here.'));
  }
  article.replaceChildren(frag);
  return { mentionEls, quoteEls };
}

// ---------------------------------------------------------------------------
// The panel: cast and quotes

let flashTimer = 0;
function flash(node) {
  if (!node) return;
  node.scrollIntoView({ block: 'center', behavior: reducedMotion.matches ? 'auto' : 'smooth' });
  for (const other of article.querySelectorAll('.flash')) other.classList.remove('flash');
  void node.offsetWidth; // restart the animation
  node.classList.add('flash');
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => node.classList.remove('flash'), 2000);
}

function markGroup(groupId) {
  for (const node of article.querySelectorAll('.ent.in-group')) node.classList.remove('in-group');
  if (groupId === null) return;
  for (const id of view.analysis.groups[groupId].mentions) view.mentionEls[id]?.classList.add('in-group');
}

function stepThrough(groupId) {
  const group = view.analysis.groups[groupId];
  const next = ((view.cursor.get(groupId) ?? -1) + 1) % group.mentions.length;
  view.cursor.set(groupId, next);
  markGroup(groupId);
  flash(view.mentionEls[group.mentions[next]]);
  const where = `mention ${next + 1} of ${group.mentions.length}`;
  const entry = castList.querySelector(`[data-group="${groupId}"] .where`);
  if (entry) entry.textContent = where;
  stepStatus.textContent = `${group.name}: ${where}`;
}

function renderCast(analysis) {
  const order = analysis.groups
    .map((g) => g)
    .sort((a, b) => b.mentions.length - a.mentions.length || a.mentions[0] - b.mentions[0]);
  const items = order.map((g) => {
    const n = g.mentions.length;
    return h(
      'li',
      { class: `cast-${g.type}` },
      h(
        'button',
        {
          type: 'button',
          class: 'cast-entry',
          dataset: { group: g.id },
          title: `${LABELS[g.type] ?? g.type}: step through the ${n} ${n === 1 ? 'mention' : 'mentions'}`,
          onclick: () => stepThrough(g.id),
        },
        h('span', { class: `swatch ent-${g.type}`, 'aria-hidden': 'true' }),
        h('span', { class: 'name' }, g.name),
        h(
          'span',
          { class: 'count' },
          numberFormat.format(n),
          h('span', { class: 'visually-hidden' }, n === 1 ? ' mention' : ' mentions'),
        ),
        h(
          'span',
          { class: 'sub' },
          h(
            'span',
            { class: 'quote-count' },
            g.quotes.length > 0 ? `${g.quotes.length} ${g.quotes.length === 1 ? 'quote' : 'quotes'}` : '',
          ),
          h('span', { class: 'where' }),
        ),
      ),
    );
  });
  if (items.length === 0) items.push(h('li', { class: 'empty' }, 'Nobody yet.'));
  castList.replaceChildren(...items);
}

function shorten(s, max = 140) {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function quoteButton(q) {
  return h(
    'li',
    {},
    h(
      'button',
      {
        type: 'button',
        class: `quote-entry ${q.kind}`,
        dataset: { quote: q.id },
        onclick: () => flash(view.quoteEls[q.id]),
      },
      `“${shorten(q.text)}”`,
    ),
  );
}

function renderQuotes(analysis) {
  const sections = [];
  const bySpeaker = analysis.groups
    .filter((g) => g.quotes.length > 0)
    .sort((a, b) => b.quotes.length - a.quotes.length || a.quotes[0] - b.quotes[0]);
  for (const g of bySpeaker) {
    sections.push(
      h(
        'section',
        { class: 'speaker' },
        h('h3', {}, g.name, h('span', { class: 'count' }, numberFormat.format(g.quotes.length))),
        h('ol', {}, ...g.quotes.map((id) => quoteButton(analysis.quotes[id]))),
      ),
    );
  }
  const unresolved = analysis.quotes.filter((q) => q.kind === 'speech' && q.speakerGroup === null);
  if (unresolved.length) {
    sections.push(
      h(
        'section',
        { class: 'speaker other' },
        h('h3', {}, 'Speaker not named', h('span', { class: 'count' }, numberFormat.format(unresolved.length))),
        h('ol', {}, ...unresolved.map(quoteButton)),
      ),
    );
  }
  const scare = analysis.quotes.filter((q) => q.kind === 'scare');
  if (scare.length) {
    sections.push(
      h(
        'section',
        { class: 'speaker scare' },
        h('h3', {}, 'Quoted terms', h('span', { class: 'count' }, numberFormat.format(scare.length))),
        h('ol', {}, ...scare.map(quoteButton)),
      ),
    );
  }
  if (sections.length === 0) sections.push(h('p', { class: 'empty' }, 'No quotes yet.'));
  quotesBox.replaceChildren(...sections);
}

// ---------------------------------------------------------------------------
// Running the analysis

function run() {
  const text = textarea.value;
  const t0 = performance.now();
  let analysis;
  try {
    analysis = analyze(text);
  } catch (e) {
    statusLine.textContent = `Could not analyze this text: ${e instanceof Error ? e.message : String(e)}`;
    statusLine.classList.add('error');
    return;
  }
  const t1 = performance.now();
  const { mentionEls, quoteEls } = renderArticle(text, analysis);
  view = { text, analysis, mentionEls, quoteEls, cursor: new Map() };
  renderCast(analysis);
  renderQuotes(analysis);
  updateLegendCounts(analysis);
  const t2 = performance.now();
  statusLine.classList.remove('error');
  const ms = (x) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());
  const speech = analysis.quotes.filter((q) => q.kind === 'speech').length;
  statusLine.textContent = text.length
    ? `Analyzed ${numberFormat.format(text.length)} characters in ${ms(t1 - t0)} ms (drawn in ${ms(t2 - t1)} ms): ` +
      `${analysis.entities.length} mentions of ${analysis.groups.length} names, ${speech} quotes.`
    : 'Ready. Paste an article or load the sample.';
  document.body.dataset.analyzed = String(Number(document.body.dataset.analyzed ?? 0) + 1);
}

let timer = 0;
function schedule() {
  clearTimeout(timer);
  // Long texts wait a little longer, so typing stays smooth.
  timer = setTimeout(run, Math.min(600, 120 + textarea.value.length / 500));
}

/** Keeps --bar-h at the height of the sticky legend bar, for what sits below it. */
function trackBarHeight() {
  const bar = document.querySelector('.legend-bar');
  const set = () => document.documentElement.style.setProperty('--bar-h', `${bar.offsetHeight}px`);
  new ResizeObserver(set).observe(bar);
  set();
}

async function start() {
  trackBarHeight();
  const [, sample] = await Promise.all([
    init(),
    fetch('samples/blinken-baghdad.txt')
      .then((r) => (r.ok ? r.text() : null))
      .catch(() => null),
  ]);
  types = entityTypes();
  buildLegend();
  // The first call builds the word lists and tables (a few hundred ms); do it
  // now, while the page says it is loading, not on the reader's first paste.
  analyze('Warm-up: “Yes,” she said on Friday.');
  textarea.addEventListener('input', schedule);
  $('clear').addEventListener('click', () => {
    textarea.value = '';
    run();
    textarea.focus();
  });
  if (sample) {
    sampleButton.disabled = false;
    sampleButton.addEventListener('click', () => {
      textarea.value = sample;
      run();
    });
  } else {
    sampleButton.title = 'The sample article could not be loaded';
  }
  run();
  document.body.dataset.ready = 'true';
}

start().catch((e) => {
  statusLine.textContent = `The analyzer could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
  statusLine.classList.add('error');
});
