// Chart exports (PNG 1× and 2×, SVG, data CSV, a self-contained HTML page opened from disk with
// the network blocked) and names from files that try to inject HTML.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ARTIFACTS, CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { assertClean, useApp } from "./harness.mjs";

const FILOSOFI_2020 = join(TEST_DATA, "cc_filosofi_2020_COM.csv");
const NNBSP = "\u202f";
const EVIL = "<img src=x onerror=alert(1)>";
const app = useApp();

/** The width and height a PNG's header gives. */
const pngSize = (bytes) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

test("a chart downloads as PNG at 1× and 2×, SVG, CSV and an HTML page that works offline from disk", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.showSailly(FILOSOFI_2020);
  const shown = await page.locator(".chart").boundingBox();

  const one = await carnet.download("Télécharger en PNG");
  const two = await carnet.download("Télécharger en PNG haute définition (2×)");
  assert.equal(one.name, "graphique_MED20_59522.png");
  assert.equal(one.bytes.subarray(1, 4).toString("latin1"), "PNG");
  const [w1, h1] = pngSize(one.bytes);
  const [w2, h2] = pngSize(two.bytes);
  assert.ok(Math.abs(w1 - shown.width) <= 2 && Math.abs(h1 - shown.height) <= 2, `1×: ${w1}×${h1} for ${shown.width}×${shown.height}`);
  assert.deepEqual([w2, h2], [w1 * 2, h1 * 2]);

  const svg = await carnet.download("Télécharger en SVG");
  assert.match(svg.text, /^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg.text, new RegExp(`29${NNBSP}440`));
  assert.match(svg.text, /Source : Insee, Filosofi 2020 · Graphique réalisé avec Carnet le \d{1,2}(er)? [a-zéû]+ \d{4}\./, "source and date in the file");

  const csv = await carnet.download("Télécharger les données du graphique (CSV)");
  assert.equal(csv.text, "territoire,valeur\nSailly-lez-Lannoy,29440\n");

  const html = await carnet.download("Télécharger la page HTML autonome");
  const dir = mkdtempSync(join(tmpdir(), "carnet-html-"));
  const path = join(dir, html.name);
  writeFileSync(path, html.bytes);
  assertClean(carnet);
  await page.context().close();

  // Opened from disk, every request but the file itself refused.
  const context = await app.browser.newContext({ locale: "fr-FR" });
  const requests = [];
  await context.route("**/*", (route) => {
    requests.push(route.request().url());
    return route.request().url().startsWith("file:") ? route.continue() : route.abort();
  });
  const offline = await context.newPage();
  const errors = [];
  offline.on("pageerror", (e) => errors.push(e.message));
  await offline.goto(pathToFileURL(path).href);
  await offline.waitForFunction(() => document.getElementById("chart")?.dataset.rendered === "true");
  const ink = await offline.evaluate(() => {
    const c = document.querySelector("#chart canvas");
    const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
  assert.ok(ink > 1000, "the chart is drawn");
  assert.match(await offline.locator("figcaption").innerText(), new RegExp(`^Médiane du niveau de vie \\(€\\) en 2020 à Sailly-lez-Lannoy : 29${NNBSP}440`));
  assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), [], "no request to any server");
  assert.deepEqual(errors, []);
  await offline.screenshot({ path: join(ARTIFACTS, "60-page-html-autonome.png"), fullPage: true });
  await context.close();
});

test("names from a file that try to inject HTML stay text everywhere", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs++; d.dismiss(); });
  const csv = `CODGEO;${EVIL};"<script>alert(2)</script>"\n59522;29440;1\n59521;21000;2\n`;
  await carnet.showSailly({ name: "piege.csv", mimeType: "text/csv", buffer: Buffer.from(csv) }, EVIL);
  // Tooltips are drawn on the canvas (rich text), never as HTML.
  const box = await page.locator(".chart canvas").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
  assert.equal(await page.locator("img[src='x']").count(), 0, "no element made from a name");
  assert.match(await page.locator("#chart-alt").innerText(), /^<img src=x onerror=alert\(1\)> à Sailly-lez-Lannoy/);
  const html = await carnet.download("Télécharger la page HTML autonome");
  assert.ok(!html.text.includes(EVIL), "escaped in the exported page");
  assert.ok(html.text.includes("&lt;img src=x onerror=alert(1)&gt;"));
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  const description = await page.getByRole("textbox", { name: "Description (Markdown)" }).inputValue();
  assert.ok(description.includes("`<script>alert(2)</script>`"), "a code span in the README: shown, not run");
  assert.equal(dialogs, 0);
  assertClean(carnet);
  await page.context().close();
});

test("a chart is edited like in Datawrapper: title, unit, note, order, high contrast — and kept in the recipe", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.showSailly(FILOSOFI_2020);
  await page.getByRole("button", { name: "Modifier le graphique" }).click();
  const option = () => page.evaluate(() => {
    const o = window.echarts.getInstanceByDom(document.querySelector(".chart")).getOption();
    return { title: o.title[0].text, source: o.title[1].text, axis: o.yAxis[0].axisLabel.formatter(29440), colour: o.series[0].data[0].itemStyle.color };
  });
  await page.getByLabel("Titre", { exact: true }).fill("Niveau de vie médian");
  await page.getByLabel("Unité (€, %, habitants…)").fill("€");
  await page.getByLabel("Note (après la source)").fill("Revenus de 2020.");
  await page.getByLabel("Contraste élevé (noir et bleu foncé, pour l’impression)").check();
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("Niveau de vie médian à Sailly-lez-Lannoy"));
  await page.locator('.chart[data-rendered="true"]').waitFor();
  assert.deepEqual(await option(), {
    title: "Niveau de vie médian",
    source: "Source : Insee, Filosofi 2020 · Revenus de 2020.",
    axis: `29${NNBSP}440\u00a0€`,
    colour: "#000000",
  });
  assert.equal(await page.locator("#chart-alt").innerText(), `Niveau de vie médian à Sailly-lez-Lannoy : 29${NNBSP}440\u00a0€. Source : Insee, Filosofi 2020.`);
  await page.locator(".chart-figure").screenshot({ path: join(ARTIFACTS, "61-graphique-modifie.png") });

  // The ranking, lowest first.
  await page.getByLabel("Type de graphique").selectOption({ label: "Classement des communes de la Métropole Européenne de Lille" });
  await page.getByLabel("Ordre des barres").selectOption({ label: "Valeurs croissantes" });
  await page.waitForFunction(() => {
    const c = window.echarts.getInstanceByDom(document.querySelector(".chart"));
    const values = c?.getOption().series[0].data.map((d) => d.value).filter((v) => typeof v === "number");
    return values && values.length > 10 && values.every((v, i) => i === 0 || values[i - 1] <= v);
  });
  // Another commune of the EPCI in the light: the text alternative speaks of it.
  await page.getByLabel("Commune mise en évidence").selectOption({ label: "Lannoy" });
  await page.waitForFunction(() => /^Lannoy se classe \d+e sur \d+ communes de la Métropole Européenne de Lille/.test(document.getElementById("chart-alt")?.innerText ?? ""));
  const recipe = JSON.parse((await carnet.download("Télécharger la recette (carnet.json)")).text);
  assert.deepEqual(recipe.chart.edits, {
    title: "Niveau de vie médian", subtitle: null, note: "Revenus de 2020.", axis: null, unit: "€", order: "Ascending", contrast: true,
    highlight: "59332",
    narrowed: false,
  });
  await page.getByRole("button", { name: "Revenir au graphique proposé" }).click();
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("pour Médiane du niveau de vie (€) en 2020"));
  assertClean(carnet);
  await page.context().close();
});
