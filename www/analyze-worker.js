// The inside of article-lens's analysis worker: a dedicated module worker
// that loads the WebAssembly module once and answers one request at a time.
// Start it through createAnalyzer() in worker.js, not by hand; the messages
// below are that wrapper's private protocol and may change with it.
//
//   in:  { type: 'init', wasm }    once, first; wasm: a URL string, a
//                                  WebAssembly.Module, or undefined
//        { type: 'analyze', id, text, options }
//   out: { type: 'ready', ms } | { type: 'init-error', message }
//        { type: 'result', id, analysis, ms } | { type: 'error', id, message }
//
// The wrapper sends a new request only after the answer to the previous one
// (it keeps just the newest text waiting meanwhile), so this side never has a
// backlog to skip: every text it receives is one somebody still wants.
//
// scripts/build-package.sh rewrites the import path below for the npm
// package, where the glue sits next to this file.
import init, { analyze } from './pkg/article_lens.js';

let ready = null;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === 'init') {
    const t0 = performance.now();
    ready = init(msg.wasm === undefined ? undefined : { module_or_path: msg.wasm }).then(() => {
      // The first call builds the word lists and tables (a few hundred ms):
      // pay it now, before anybody waits for an answer.
      analyze('Warm-up: “Yes,” she said on Friday.');
    });
    try {
      await ready;
      self.postMessage({ type: 'ready', ms: performance.now() - t0 });
    } catch (e) {
      self.postMessage({ type: 'init-error', message: messageOf(e) });
    }
    return;
  }
  if (msg.type === 'analyze') {
    try {
      await ready;
    } catch {
      return; // init-error was reported already; the wrapper fails every call
    }
    const t0 = performance.now();
    let analysis;
    try {
      analysis = analyze(msg.text, msg.options);
    } catch (e) {
      self.postMessage({ type: 'error', id: msg.id, message: messageOf(e) });
      return;
    }
    self.postMessage({ type: 'result', id: msg.id, analysis, ms: performance.now() - t0 });
  }
};

function messageOf(e) {
  return e instanceof Error ? e.message : String(e);
}
