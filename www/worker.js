// article-lens in a background thread: createAnalyzer() starts a dedicated
// module worker (analyze-worker.js, next to this file) that loads the
// WebAssembly module once, and returns an object whose analyze() gives a
// Promise of the same Analysis the synchronous analyze() returns.
//
//   import { createAnalyzer } from './worker.js';
//   const lens = createAnalyzer();            // or createAnalyzer({ wasm })
//   try {
//     const a = await lens.analyze(text, { types: ['person'] });
//   } catch (e) {
//     if (e.name === 'AbortError') return;    // a newer call took over
//     throw e;                                // bad options: e.message says why
//   }
//
// Decided: only the newest text matters. A call supersedes the one before
// it: the older promise REJECTS at once with a DOMException named
// 'AbortError' (never resolves to a marker), so a caller that analyzes on
// every keystroke just ignores AbortError. The worker runs one analysis at a
// time; while it is busy only the newest waiting text is kept, so after a
// burst of calls it analyzes the text it was working on (whose result is
// dropped if superseded: a running WebAssembly call cannot be interrupted)
// and then the last one, never the ones in between. The cost: a superseded
// analysis already running still runs to its end (about 1 s per MB).
//
// Errors thrown by analyze() in the worker (options that are not valid, a
// text that is not a string) reject the promise with an Error carrying the
// same message; the worker keeps working. If the module cannot be loaded
// every call rejects with an Error saying so, and `ready` rejects.
// terminate() stops the worker; pending and later calls reject with an
// AbortError.
//
// Browsers only (module workers: Chrome 80, Firefox 114, Safari 15). The
// result crosses threads by structured clone, which copies it: a few ms for
// a long article.

/** @returns {Error} a DOMException named AbortError (or an Error so named). */
function abortError(message) {
  if (typeof DOMException === 'function') return new DOMException(message, 'AbortError');
  return Object.assign(new Error(message), { name: 'AbortError' });
}

/**
 * Starts a worker that analyzes articles off the main thread.
 *
 * @param {object} [config]
 * @param {string | URL | WebAssembly.Module | BufferSource} [config.wasm]
 *   Where the worker gets the module: a URL of article_lens_bg.wasm
 *   (relative to the page), an already compiled WebAssembly.Module (no
 *   second download or compilation), or the bytes (copied to the worker).
 *   Default: article_lens_bg.wasm next to the glue.
 * @param {string | URL} [config.workerUrl] The worker script, for setups that
 *   move files around. Default: analyze-worker.js next to this file.
 * @returns {{ analyze(text: string, options?: object | null): Promise<object>,
 *   ready: Promise<void>, terminate(): void }}
 */
export function createAnalyzer({ wasm, workerUrl } = {}) {
  const worker = new Worker(workerUrl ?? new URL('./analyze-worker.js', import.meta.url), {
    type: 'module',
    name: 'article-lens',
  });

  let dead = null; // the Error every call gets once the worker is gone
  let nextId = 1;
  let running = null; // { id, resolve, reject, done } sent to the worker
  let waiting = null; // { id, text, options, resolve, reject } not sent yet
  let readyResolve;
  let readyReject;
  const ready = new Promise((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  ready.catch(() => {}); // nobody has to listen to `ready`

  function fail(error) {
    if (dead) return;
    dead = error;
    readyReject(error);
    running?.reject(error);
    waiting?.reject(error);
    running = null;
    waiting = null;
  }

  function send(request) {
    try {
      worker.postMessage({ type: 'analyze', id: request.id, text: request.text, options: request.options });
    } catch (e) {
      // Options that cannot be cloned (a function, say) are bad options too.
      request.reject(new Error(`analyze: bad options: ${e instanceof Error ? e.message : String(e)}`));
      return false;
    }
    running = { id: request.id, resolve: request.resolve, reject: request.reject };
    return true;
  }

  function sendWaiting() {
    while (waiting && !running) {
      const next = waiting;
      waiting = null;
      send(next);
    }
  }

  worker.onmessage = ({ data }) => {
    switch (data.type) {
      case 'ready':
        readyResolve();
        break;
      case 'init-error':
        fail(new Error(`article-lens: the analyzer could not be loaded: ${data.message}`));
        worker.terminate();
        break;
      case 'result':
      case 'error':
        if (running && running.id === data.id) {
          if (data.type === 'result') running.resolve(data.analysis);
          else running.reject(new Error(data.message));
          running = null;
        }
        sendWaiting();
        break;
    }
  };
  worker.onmessageerror = () => {
    running?.reject(new Error('article-lens: the analysis could not be received from the worker'));
    running = null;
    sendWaiting();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error(`article-lens: the worker failed${event.message ? `: ${event.message}` : ''}`));
    worker.terminate();
  };

  try {
    const where =
      wasm === undefined || wasm instanceof WebAssembly.Module || wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm)
        ? wasm
        : new URL(String(wasm), globalThis.document?.baseURI ?? globalThis.location?.href).href;
    worker.postMessage({ type: 'init', wasm: where });
  } catch (e) {
    fail(e instanceof Error ? e : new Error(String(e)));
  }

  return {
    /**
     * Analyzes `text` in the worker. Resolves to the Analysis; rejects with
     * an AbortError when a newer call (or terminate()) supersedes it, or with
     * an Error whose message says what was wrong with the arguments.
     */
    analyze(text, options) {
      if (dead) return Promise.reject(dead);
      return new Promise((resolve, reject) => {
        const request = { id: nextId++, text, options, resolve, reject };
        const superseded = abortError('article-lens: superseded by a newer analyze() call');
        waiting?.reject(superseded);
        if (running) {
          // Its answer is still awaited (to know when the worker is free),
          // but nobody gets it.
          running.reject(superseded);
          running.resolve = running.reject = () => {};
        }
        waiting = request;
        sendWaiting();
      });
    },
    /** Resolves once the module is loaded in the worker; rejects if it cannot be. */
    ready,
    /** Stops the worker. Pending and later calls reject with an AbortError. */
    terminate() {
      worker.terminate();
      fail(abortError('article-lens: the analyzer was terminated'));
    },
  };
}
