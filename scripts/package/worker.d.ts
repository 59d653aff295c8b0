// Types of article-lens/worker (worker.js): analyze() in a dedicated module
// worker, returning a Promise. See the package README.
import type { Analysis, Options } from "./article_lens.js";

/** Where the worker gets its files. */
export interface AnalyzerConfig {
  /**
   * The WebAssembly module: a URL of article_lens_bg.wasm (resolved against
   * the page), an already compiled `WebAssembly.Module` (no second download
   * or compilation), or its bytes (copied to the worker). Default: the .wasm
   * next to the glue.
   */
  wasm?: string | URL | WebAssembly.Module | BufferSource;
  /** The worker script. Default: analyze-worker.js next to worker.js. */
  workerUrl?: string | URL;
}

/** An analyzer running in its own worker. */
export interface Analyzer {
  /**
   * Analyzes `text` off the main thread. Resolves to the same Analysis as
   * the synchronous `analyze`. Rejects with a `DOMException` named
   * `"AbortError"` when a newer call (or `terminate()`) supersedes it, and
   * with an `Error` whose message says what was wrong for bad arguments.
   */
  analyze(text: string, options?: Options | null): Promise<Analysis>;
  /** Resolves once the module is loaded in the worker; rejects if it cannot be. */
  readonly ready: Promise<void>;
  /** Stops the worker; pending and later calls reject with an AbortError. */
  terminate(): void;
}

/** Starts a worker that analyzes articles off the main thread. */
export function createAnalyzer(config?: AnalyzerConfig): Analyzer;
