// The explorer on the real Filosofi 2020 file: search, sort, filter, scroll to the last row —
// with only the rows in view in the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { assertClean, useApp } from "./harness.mjs";

const FILOSOFI_2020 = join(TEST_DATA, "cc_filosofi_2020_COM.csv");
const NNBSP = "\u202f";
const app = useApp();

test("the explorer searches, sorts, filters and scrolls 34,929 rows", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.upload(FILOSOFI_2020);
  await carnet.waitDetected();
  await page.getByRole("button", { name: "Explorer tout le fichier" }).click();
  const status = page.locator("#explorer-status");
  await page.waitForFunction(() => document.getElementById("explorer-status")?.innerText.includes("toutes les lignes"));
  assert.equal(await status.innerText(), `34${NNBSP}929 lignes : toutes les lignes du fichier.`);
  const table = page.getByRole("table", { name: "Tout le fichier" });
  assert.equal(await table.getAttribute("aria-rowcount"), String(34_929 + 2));
  const drawn = await table.locator("tbody tr.row").count();
  assert.ok(drawn > 5 && drawn < 80, `${drawn} rows in the page`);

  // Search.
  await page.getByLabel("Rechercher dans le tableau").fill("59522");
  await page.waitForFunction(() => document.getElementById("explorer-status")?.innerText.startsWith("1 ligne sur"));
  assert.match(await table.locator("tbody tr.row").first().innerText(), /59522\s+765\s+1\u202f995\s+29\u202f440/);
  await carnet.screenshot("50-explorateur-recherche");
  await page.getByLabel("Rechercher dans le tableau").fill("");
  await page.waitForFunction(() => document.getElementById("explorer-status")?.innerText.includes("toutes les lignes"));

  // Sort by MED20, highest first: missing values go last.
  const med = table.getByRole("button", { name: "Trier par MED20" });
  await med.click();
  await med.click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="descending"]') !== null);
  await page.locator('.explorer-table[aria-busy="false"]').waitFor();
  const medians = await page.evaluate(() => {
    const head = [...document.querySelectorAll(".explorer-table thead tr:first-child th")].map((th) => th.innerText.trim());
    const at = head.findIndex((h) => h.startsWith("MED20"));
    return [...document.querySelectorAll(".explorer-table tbody tr.row")].slice(0, 5).map((tr) => tr.children[at].innerText);
  });
  const values = medians.map((v) => Number(v.replace(/\s/g, "").replace(",", ".")));
  assert.deepEqual([...values].sort((a, b) => b - a), values, `sorted highest first: ${medians}`);
  assert.ok(values[0] > 40_000, `the richest commune first: ${medians[0]}`);

  // Scroll to the very end.
  await page.locator(".explorer-scroll").evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction(() => document.querySelector(`.explorer-table tbody tr.row[aria-rowindex="${34929 + 2}"]`) !== null);
  assert.ok((await table.locator("tbody tr.row").count()) < 80, "still only the rows in view");
  await carnet.screenshot("51-explorateur-fin");

  // A column filter.
  await page.getByLabel("Filtrer la colonne CODGEO").fill("2A0");
  await page.waitForFunction(() => /^\d+ lignes sur/.test(document.getElementById("explorer-status")?.innerText ?? ""));
  const codes = await table.locator("tbody tr.row td:first-of-type").allInnerTexts();
  assert.ok(codes.length > 0 && codes.every((c) => c.startsWith("2A0")), `${codes}`);
  assertClean(carnet);
  await page.context().close();
});
