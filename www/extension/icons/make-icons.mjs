// Regenerates icons/{16,32,48,128}.png from icons/icon.svg with headless
// Chromium (Chrome wants PNG icons in the manifest). Run from the repository
// root after `npm ci --prefix tests/extension`:
//   node www/extension/icons/make-icons.mjs
import { chromium } from "../../../tests/extension/node_modules/playwright-core/index.mjs";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(path.join(here, "icon.svg"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({ path: path.join(here, `${size}.png`), omitBackground: true });
}
await browser.close();
