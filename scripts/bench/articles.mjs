// The articles the benchmarks run over, read at run time (Node only): the
// PolNeAR dev articles from ../shared/data when that file is there (it is
// research-only data and is never copied into the repository), else the
// reference article alone. ../shared is looked for beside the repository and
// one level up (a git worktree). Environment: POLNEAR_DEV to point elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The repository's root directory, ending in a slash. */
export const repoRoot = root;

/** The reference article (about 2,400 characters). */
export const reference = readFileSync(`${root}tests/fixtures/blinken-baghdad.txt`, 'utf8');

/** Resolves to `{ name, texts }`: the corpus to time over. */
export function loadArticles({ quick = false } = {}) {
  const candidates = [
    process.env.POLNEAR_DEV,
    `${root}../shared/data/polnear/polnear_dev.jsonl`,
    `${root}../../shared/data/polnear/polnear_dev.jsonl`,
  ]
    .filter(Boolean)
    .map((p) => resolve(p));
  const path = candidates.find((p) => existsSync(p)) ?? candidates[0];
  if (quick || !existsSync(path)) {
    if (!quick) console.log(`note: ${path} not found; timing the reference article only`);
    return { name: 'reference article', texts: [reference] };
  }
  const texts = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line).text)
    .filter((text) => typeof text === 'string');
  return { name: `PolNeAR dev (${texts.length} articles)`, texts };
}
