// Where Carnet's time goes on the bench file: the worker's read and engine times beside the
// whole span from the file picked to the rows on the page.
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "../tests/browser/carnet-page.mjs";
import { serve } from "../tests/browser/server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const server = await serve(join(here, "..", "dist"), 0);
const browser = await launch();
const page = await (await browser.newContext({ locale: "fr-FR", bypassCSP: true })).newPage();
await page.goto(server.url);
await page.addScriptTag({ path: join(here, "..", "tests", "browser", "generate.js") });
await page.getByRole("combobox", { name: /Commune/ }).fill("59522");
await page.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).click();
await page.evaluate(() => { window.benchFile = window.carnetBench.national(); });
for (let i = 0; i < 7; i++) {
  const r = await page.evaluate(() => new Promise((resolve) => {
    const input = document.getElementById("file-input");
    const transfer = new DataTransfer();
    transfer.items.add(window.benchFile);
    input.files = transfer.files;
    const marks = {};
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (!marks.detected && document.querySelector(".timings")) marks.detected = performance.now() - t0;
      if (document.getElementById("rows-caption")?.textContent.includes("Sailly-lez-Lannoy (59522)")) {
        observer.disconnect();
        const t = document.querySelector(".timings");
        resolve({ total: performance.now() - t0, detected: marks.detected, read: Number(t?.dataset.readMs), engine: Number(t?.dataset.engineMs) });
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }));
  console.log(Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(1)}`).join("  "));
}
await browser.close();
await server.close();
