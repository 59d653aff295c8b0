// The built page (www/, with the shipped www/pkg) in Debian's headless
// Chromium, driven by playwright-core: what a reader sees and can do.
//
// Environment: CHROMIUM (default /usr/bin/chromium); UPDATE_SCREENSHOT=1 also
// writes docs/screenshot.png for the README (scripts/screenshot.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './chromium.mjs';
import { serve } from './server.js';

const root = new URL('../../', import.meta.url);
const rootPath = fileURLToPath(root);
const article = readFileSync(new URL('tests/fixtures/blinken-baghdad.txt', root), 'utf8');

let server;
let browser; // { context, page, problems, close() }
let page;
let problems; // page errors and console errors
const lateRequests = []; // requests made after the page loaded

before(async () => {
  server = await serve(join(rootPath, 'www'));
  browser = await launch();
  ({ page, problems } = browser);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  page.on('request', (r) => lateRequests.push(r.url()));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Puts `text` in the text area as a paste would, and waits for its analysis. */
async function paste(text) {
  const before = await page.evaluate(() => Number(document.body.dataset.analyzed ?? 0));
  await page.fill('#text', text);
  await page.waitForFunction((n) => Number(document.body.dataset.analyzed ?? 0) > n, before);
}

/** The speaker label drawn before a quote element (CSS generated content). */
function speakerLabel(locator) {
  return locator.evaluate((el) => {
    const content = getComputedStyle(el, '::before').content;
    return content === 'none' ? null : JSON.parse(content);
  });
}

test('the reference article: highlights, speaker labels and the cast', async () => {
  await paste(article);
  const status = await page.textContent('#status');
  assert.match(status, /Analyzed [\d,]+ characters in [\d.]+ ms/);

  // Every character of the article is on the page, in order, unchanged.
  const shown = await page.$$eval('#article p', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(shown, article.split('\n').map((l) => l.trim()).filter(Boolean));

  const blinken = page.locator('#article mark.ent-person', { hasText: /^Antony Blinken$/ });
  assert.ok((await blinken.count()) >= 1, 'Antony Blinken is highlighted as a person');
  assert.ok(await blinken.first().isVisible());
  const bg = await blinken.first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'with a background color');

  const determined = page.locator('#article .quote.speech.first', { hasText: 'We are determined' });
  assert.equal(await determined.count(), 1, 'the "We are determined" quote is marked as speech');
  assert.match((await speakerLabel(determined)) ?? '', /Blinken/, 'and labeled with Blinken');

  const entry = page.locator('#cast .cast-entry', { hasText: 'Blinken' }).first();
  assert.ok(await entry.isVisible(), 'Blinken is in the cast');
  const count = Number((await entry.locator('.count').textContent()).replace(/\D/g, ''));
  assert.ok(count > 1, `with more than one mention (${count})`);

  // Stepping through his mentions flashes each in turn.
  await entry.click();
  assert.match(await entry.locator('.where').textContent(), new RegExp(`^mention 1 of ${count}$`));
  const flashed = page.locator('#article mark.flash');
  assert.equal(await flashed.count(), 1);
  assert.match(await flashed.textContent(), /Blinken/);
  await entry.click();
  assert.match(await entry.locator('.where').textContent(), new RegExp(`^mention 2 of ${count}$`));

  // A quote in the panel leads to the quote in the text.
  const listed = page.locator('#quotes .quote-entry', { hasText: 'We are determined' });
  await listed.click();
  assert.equal(await page.locator('#article .quote.flash', { hasText: 'We are determined' }).count(), 1);
});

test('the legend switches a type on and off', async () => {
  const person = page.locator('.legend-entry[data-type="person"]');
  const mark = page.locator('#article mark.ent-person').first();
  const bg = () => mark.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(await person.getAttribute('aria-pressed'), 'true');
  const shown = await bg();
  await person.click();
  assert.equal(await person.getAttribute('aria-pressed'), 'false');
  assert.equal(await bg(), 'rgba(0, 0, 0, 0)', 'person highlights are gone');
  assert.equal(await page.locator('#cast li.cast-person').first().isVisible(), false);
  assert.ok(await page.locator('#article mark.ent-place').first().evaluate(
    (el) => getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)',
  ), 'other types keep theirs');
  await person.click();
  assert.equal(await bg(), shown);
});

test('the keyboard reaches the legend and the cast, and operates them', async () => {
  await page.focus('#text');
  const focused = () => page.evaluate(() => document.activeElement?.className ?? '');
  let steps = 0;
  while (!(await focused()).includes('legend-entry') && steps++ < 10) await page.keyboard.press('Tab');
  assert.match(await focused(), /legend-entry/, 'Tab reaches the legend');
  const first = page.locator('.legend-entry').first();
  await page.keyboard.press('Space');
  assert.equal(await first.getAttribute('aria-pressed'), 'false');
  await page.keyboard.press('Enter');
  assert.equal(await first.getAttribute('aria-pressed'), 'true');
  // The focus is visible.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid');

  steps = 0;
  while (!(await focused()).includes('cast-entry') && steps++ < 40) await page.keyboard.press('Tab');
  assert.match(await focused(), /cast-entry/, 'Tab reaches the cast');
  await page.keyboard.press('Enter');
  const where = await page.evaluate(() => document.activeElement.querySelector('.where').textContent);
  assert.match(where, /^mention 1 of \d+$/);
});

test('pasted markup is shown as text, never run or rendered', async () => {
  const hostile =
    '<img src=x onerror="window.__pwned = 1"> Mr <b>Bold</b> Smith said “<script>window.__pwned = 2</script>” ' +
    'and <a href="javascript:alert(1)">Click</a>.\n<style>body{display:none}</style> “<i>Yes</i>,” said Jane Doe.';
  await paste(hostile);
  const counts = await page.evaluate(() => ({
    img: document.querySelectorAll('img').length,
    b: document.querySelectorAll('#article b, #reading b').length,
    a: document.querySelectorAll('#reading a').length,
    i: document.querySelectorAll('#reading i').length,
    style: document.querySelectorAll('#reading style').length,
    scripts: document.querySelectorAll('script').length,
    pwned: window.__pwned ?? null,
  }));
  assert.deepEqual(counts, { img: 0, b: 0, a: 0, i: 0, style: 0, scripts: 1, pwned: null });
  const text = await page.textContent('#article');
  assert.ok(text.includes('<img src=x onerror="window.__pwned = 1">'), 'the markup is visible as text');
  assert.ok(text.includes('<script>window.__pwned = 2</script>'));
  assert.ok(await page.locator('#article').isVisible());
});

test('odd text: emoji, CRLF, empty', async () => {
  const odd = '😊 “Ça va,” dit Zoë.\r\n\r\n🎉 Ünal said “fine 👍🏽” on Friday.';
  await paste(odd);
  const shown = await page.$$eval('#article p', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(shown, ['😊 “Ça va,” dit Zoë.', '🎉 Ünal said “fine 👍🏽” on Friday.']);
  await paste('');
  assert.match(await page.textContent('#article'), /appears here/);
  assert.match(await page.textContent('#status'), /Ready/);
});

test('screenshots (laptop and phone)', async () => {
  await page.click('#sample');
  await page.waitForFunction(() => document.querySelectorAll('#article p').length > 5);
  await page.evaluate(() => window.scrollTo(0, 0));
  const out = join(rootPath, 'tests/output');
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: join(out, 'page.png') });
  await page.screenshot({ path: join(out, 'page-full.png'), fullPage: true });
  // For the README: from the status line down, the article and the panel.
  await page.evaluate(() => window.scrollTo(0, document.querySelector('.controls').offsetTop - 4));
  await page.screenshot({ path: join(out, 'page-reading.png') });
  if (process.env.UPDATE_SCREENSHOT === '1') {
    mkdirSync(join(rootPath, 'docs'), { recursive: true });
    copyFileSync(join(out, 'page-reading.png'), join(rootPath, 'docs/screenshot.png'));
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(out, 'page-phone.png'), fullPage: true });
  // On a phone the panel sits below the text, and nothing is wider than the screen.
  const layout = await page.evaluate(() => ({
    articleBottom: document.querySelector('#article').getBoundingClientRect().bottom,
    panelTop: document.querySelector('.panel').getBoundingClientRect().top,
    scrollWidth: document.documentElement.scrollWidth,
  }));
  assert.ok(layout.panelTop >= layout.articleBottom, 'the panel is below the article');
  assert.ok(layout.scrollWidth <= 390, `no sideways scrolling (${layout.scrollWidth}px)`);
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('no network request after load, and no errors', () => {
  assert.deepEqual(lateRequests, []);
  assert.deepEqual(problems, []);
});
