// The package's entry point under Node (the "node" condition of its
// "exports"): the browser glue, with a default init() that reads the .wasm
// next to this file from disk instead of fetching it (Node's fetch cannot
// read file: URLs). So the same two lines work in both:
//   import init, { analyze } from 'article-lens';
//   await init();
// An explicit argument (bytes, a WebAssembly.Module, a URL) is passed on
// unchanged; initSync({ module: bytes }) works as in the browser.
import { readFile } from 'node:fs/promises';
import webInit from './article_lens.js';

export * from './article_lens.js';

/** Loads the WebAssembly module; with no argument, from this package's folder. */
export default async function init(moduleOrPath) {
  if (moduleOrPath !== undefined) return webInit(moduleOrPath);
  const bytes = await readFile(new URL('./article_lens_bg.wasm', import.meta.url));
  return webInit({ module_or_path: bytes });
}
