// The browser side of package.test.mjs: the package by its name, as a page
// would use it. Exposes what the test needs on window.check.
import init, { analyze, version } from 'article-lens';
import { createAnalyzer } from 'article-lens/worker';

await init();
const article = await (await fetch('blinken-baghdad.txt')).text();

/** Who each speech quote is attributed to, by group name (null: unknown). */
function speakers(a) {
  return a.quotes.filter((q) => q.kind === 'speech').map((q) => (q.speakerGroup === null ? null : a.groups[q.speakerGroup].name));
}

/** Settles a promise into a plain record the test can read. */
function settle(p) {
  return p.then(
    (a) => (a ? { ok: true, speakers: speakers(a), entities: a.entities.length } : { ok: true }),
    (e) => ({ ok: false, name: e?.name, message: e?.message, isError: e instanceof Error }),
  );
}

// Counts the requests the wrapper really sends to its worker (test-only
// instrumentation of the standard postMessage, not a hook in the wrapper).
const sent = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message?.type === 'analyze') sent.push(typeof message.text === 'string' ? message.text.length : -1);
  return post.call(this, message, ...rest);
};

window.check = {
  version: version(),
  direct: () => speakers(analyze(article)),
  sent,

  async worker() {
    const lens = createAnalyzer();
    await lens.ready;
    const out = {};
    out.article = await settle(lens.analyze(article));
    // A burst, as while typing: a long text, two more, then the article.
    sent.length = 0;
    const long = article.repeat(80); // ~200 KB, long enough to be running
    const burst = [
      lens.analyze(long),
      lens.analyze(long + ' more'),
      lens.analyze(long + ' more and more'),
      lens.analyze(article, { types: ['person'] }),
    ].map(settle);
    out.burst = await Promise.all(burst);
    out.sentDuringBurst = [...sent];
    // Errors from analyze surface as rejections; the worker goes on.
    out.badOptions = await settle(lens.analyze(article, { colour: 'red' }));
    out.badType = await settle(lens.analyze(article, { types: ['persn'] }));
    out.notText = await settle(lens.analyze(42));
    out.uncloneable = await settle(lens.analyze(article, { types: () => 1 }));
    out.afterErrors = await settle(lens.analyze(article));
    // terminate(): the pending call and later ones reject with AbortError.
    const pending = settle(lens.analyze(long));
    lens.terminate();
    out.terminatedPending = await pending;
    out.terminatedLater = await settle(lens.analyze(article));
    return out;
  },

  async withModule() {
    // The compiled module handed over: no second download.
    const module = await WebAssembly.compileStreaming(fetch('node_modules/article-lens/article_lens_bg.wasm'));
    const lens = createAnalyzer({ wasm: module });
    const r = await settle(lens.analyze(article));
    lens.terminate();
    // Or the bytes.
    const bytes = await (await fetch('node_modules/article-lens/article_lens_bg.wasm')).arrayBuffer();
    const fromBytes = createAnalyzer({ wasm: new Uint8Array(bytes) });
    r.fromBytes = await settle(fromBytes.analyze(article));
    fromBytes.terminate();
    return r;
  },

  async badWasm() {
    const lens = createAnalyzer({ wasm: 'no-such-file.wasm' });
    const call = await settle(lens.analyze(article));
    const ready = await settle(lens.ready);
    const later = await settle(lens.analyze(article));
    return { call, ready, later };
  },
};
document.getElementById('state').textContent = 'ready';
document.body.dataset.ready = 'true';
