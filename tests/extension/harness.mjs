// Shared pieces of the extension tests: a local server for the test pages
// (with a strict CSP), headless Chromium with the unpacked extension loaded,
// a real toolbar-button click, and access to the extension's side panel.
//
// How the extension gets loaded and clicked in headless Chromium (Debian's
// chromium 13x+, via playwright-core with executablePath):
// - `launchPersistentContext` (extensions need a real profile) with
//   `headless: false` and `--headless=new` in args: Playwright's own headless
//   mode would pick the old headless shell, which has no extensions.
//   `--load-extension` + `--disable-extensions-except` load the unpacked
//   folder; Debian's /usr/bin/chromium wrapper puts its own (empty)
//   --load-extension first, and the last one wins.
// - Clicking the toolbar button: headless has no toolbar, and the keyboard
//   shortcut never reaches the browser's accelerators. But Chromium's DevTools
//   protocol has `Extensions.triggerAction(id, targetId)` (behind
//   `--enable-unsafe-extension-debugging`, on a *tab* target), which runs the
//   action exactly as a click does: `chrome.action.onClicked` fires with a
//   user gesture, so activeTab is granted and `sidePanel.open()` is allowed.
// - The side panel is a page target that Playwright does not adopt, so the
//   tests attach to it with `Target.attachToTarget` and talk to it with
//   `Target.sendMessageToTarget` (plain CDP `Runtime.evaluate`).

import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const fixtures = path.join(here, "fixtures");

/** The built, unpacked extension (scripts/build-extension.sh). */
export const extensionDir = path.resolve(
  process.env.ARTICLE_LENS_EXTENSION || path.join(root, "dist/extension"),
);
export const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

/**
 * The CSP the test pages are served with: no scripts at all, so no wasm
 * either, and Trusted Types required (no HTML may be parsed from strings).
 */
export const STRICT_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'none'; base-uri 'none'; " +
  "form-action 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript" };

/**
 * Serves tests/extension/fixtures on 127.0.0.1 (random port). Pages get the
 * strict CSP unless the path starts with /open/. Records every request.
 */
export async function startServer() {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, "http://127.0.0.1");
    const open = url.pathname.startsWith("/open/");
    const rel = url.pathname.replace(/^\/open\//, "/").replace(/^\/+/, "") || "article.html";
    const file = path.join(fixtures, path.normalize(rel));
    if (!file.startsWith(fixtures) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    const headers = { "content-type": TYPES[path.extname(file)] || "application/octet-stream" };
    if (!open) headers["content-security-policy"] = STRICT_CSP;
    res.writeHead(200, headers);
    res.end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, requests, close: () => new Promise((r) => server.close(r)) };
}

/** Launches headless Chromium with the extension; returns context, worker, id. */
export async function launchWithExtension() {
  if (!fs.existsSync(path.join(extensionDir, "manifest.json"))) {
    throw new Error(`no built extension in ${extensionDir}: run scripts/build-extension.sh first`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "article-lens-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: false,
    viewport: { width: 1280, height: 800 },
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--enable-unsafe-extension-debugging",
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent("serviceworker", { timeout: 15000 });
  const extensionId = new URL(worker.url()).host;
  const cdp = await context.browser().newBrowserCDPSession();
  return {
    context,
    worker,
    extensionId,
    cdp,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The extension's service worker as it runs now: Chromium stops idle workers
 * and starts a new one on the next event, so a handle can go stale.
 */
export async function currentWorker(browser) {
  const live = browser.context.serviceWorkers().filter((w) => w.url().includes(browser.extensionId));
  browser.worker = live.at(-1) ?? (await browser.context.waitForEvent("serviceworker", { timeout: 15000 }));
  return browser.worker;
}

/** The CDP tab target of a Playwright page (matched by URL). */
async function tabTargetOf(cdp, page) {
  const { targetInfos } = await cdp.send("Target.getTargets", { filter: [{ type: "tab" }] });
  const tabs = targetInfos.filter((t) => t.type === "tab" && t.url === page.url());
  if (tabs.length !== 1) throw new Error(`expected one tab at ${page.url()}, found ${tabs.length}`);
  return tabs[0].targetId;
}

/** Clicks the extension's toolbar button on `page`, as a user would. */
export async function clickAction(browser, page) {
  await page.bringToFront();
  const targetId = await tabTargetOf(browser.cdp, page);
  await browser.cdp.send("Extensions.triggerAction", { id: browser.extensionId, targetId });
}

/**
 * What the extension stored for the active tab (null when cleared). The
 * extension has no "tabs" permission, so tabs are told apart by being active.
 */
export async function tabState(browser, page) {
  await page.bringToFront();
  return (await currentWorker(browser)).evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    const key = `tab:${tab.id}`;
    return (await chrome.storage.session.get(key))[key] ?? null;
  });
}

/** Polls `fn` until it returns a truthy value (or throws after `timeout` ms). */
export async function waitFor(fn, { timeout = 15000, interval = 50, what = "condition" } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/** Waits until no side panel of the extension is open (a cleared tab closes it). */
export async function waitNoPanel(browser) {
  await waitFor(
    async () => {
      const { targetInfos } = await browser.cdp.send("Target.getTargets");
      return !targetInfos.some((t) => t.url.startsWith(`chrome-extension://${browser.extensionId}/panel.html`));
    },
    { what: "the side panel to close" },
  );
}

/**
 * The extension's side panel, reached over raw CDP. `evaluate(expr)` runs a
 * JavaScript expression in it (awaiting promises) and returns its value.
 */
export async function openPanelSession(browser) {
  const { cdp, extensionId } = browser;
  const target = await waitFor(
    async () => {
      const { targetInfos } = await cdp.send("Target.getTargets");
      return targetInfos.find((t) => t.url.startsWith(`chrome-extension://${extensionId}/panel.html`));
    },
    { what: "the side panel" },
  );
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId: target.targetId, flatten: false });
  let next = 1;
  const pending = new Map();
  const onMessage = (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message);
    if (m.id && pending.has(m.id)) {
      pending.get(m.id)(m);
      pending.delete(m.id);
    }
  };
  cdp.on("Target.receivedMessageFromTarget", onMessage);
  const call = async (method, params = {}) => {
    const id = next++;
    const reply = new Promise((resolve) => pending.set(id, resolve));
    await cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) });
    const m = await reply;
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result;
  };
  return {
    url: target.url,
    call,
    async evaluate(expression) {
      const r = await call("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(`panel: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value;
    },
    async screenshot() {
      const r = await call("Page.captureScreenshot", { format: "png" });
      return Buffer.from(r.data, "base64");
    },
    async detach() {
      cdp.off("Target.receivedMessageFromTarget", onMessage);
      await cdp.send("Target.detachFromTarget", { sessionId }).catch(() => {});
    },
  };
}

/**
 * Every range of every article-lens highlight in the page, read from the
 * page's main world (the registry belongs to the document, so the page sees
 * what the extension registered).
 */
export async function highlightRanges(page) {
  return page.evaluate(() => {
    const out = [];
    for (const [name, h] of CSS.highlights) {
      if (!name.startsWith("article-lens-")) continue;
      for (const r of h) {
        const where = (n) => (n.nodeType === 1 ? n : n.parentElement);
        const start = where(r.startContainer);
        const end = where(r.endContainer);
        out.push({
          name: name.slice("article-lens-".length),
          text: r.toString(),
          sameNode: r.startContainer === r.endContainer,
          startTag: start.nodeName,
          endTag: end.nodeName,
          inStory: !!start.closest("#story") && !!end.closest("#story"),
          outside: !!(
            start.closest("aside.sidebar, #comments, header.masthead, nav, footer.site-footer") ||
            end.closest("aside.sidebar, #comments, header.masthead, nav, footer.site-footer")
          ),
        });
      }
    }
    return out;
  });
}

/** Collapses white space as the extension does when it reads the page. */
export const squash = (s) => s.replace(/[ \t\n\r\f]+/g, " ").trim();
