// The set-up every browser test file shares: the release build served on loopback, one
// headless Chromium, and the check that a test left nothing behind.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./server.mjs";
import { launch } from "./carnet-page.mjs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DIST = process.env.CARNET_DIST ?? join(ROOT, "dist");

/**
 * Serves the build (and `mounts`, folders under URL prefixes) and launches the browser for
 * this file's tests; `app.url`, `app.browser`.
 */
export function useApp(mounts = {}) {
  const app = {};
  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), `no build in ${DIST}: run scripts/test`);
    app.server = await serve(DIST, 0, mounts);
    app.url = app.server.url;
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    app.server?.close();
  });
  return app;
}

/** Checks nothing left the origin and nothing went wrong in the console. */
export function assertClean(carnet) {
  assert.deepEqual(carnet.foreignRequests(), [], "requests outside the page's origin");
  assert.deepEqual(carnet.problems, [], "errors in the console");
}

/** axe-core, to pass as an init script: `CarnetPage.open(browser, url, { initScripts: [AXE] })`. */
export const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");

/** Runs axe-core on the page as it is; fails with each violation's rule and elements. */
export async function axe(carnet, screen) {
  const violations = await carnet.page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  });
  assert.deepEqual(violations, [], `axe-core on screen "${screen}"`);
}

/** The elements of `selector` that stick out of the viewport's width (left or right). */
export async function outside(page, selector) {
  return page.evaluate((sel) => {
    const out = [];
    for (const e of document.querySelectorAll(sel)) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -1 || r.right > window.innerWidth + 1) out.push(`${e.tagName.toLowerCase()} « ${e.textContent.trim().slice(0, 40)} » ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return out;
  }, selector);
}
