// Le portrait: Sailly-lez-Lannoy's key figures from Filosofi 2019–2021 (communes) and Filosofi
// 2020 (départements), each with its sentence and the Nord beside it the same year; the map of
// the 95 communes of the Métropole Européenne de Lille coloured by the median, Sailly outlined;
// the clerk's choice of figures; a phone, a screen and a printed A4 page; no request outside
// the app's origin; axe-core clean.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { AXE, assertClean, axe, outside, useApp } from "./harness.mjs";

const FILES = ["cc_filosofi_2019_COM.CSV", "cc_filosofi_2020_COM.csv", "cc_filosofi_2021_COM.csv", "cc_filosofi_2020_DEP.csv"]
  .map((f) => join(TEST_DATA, f));
const NNBSP = "\u202f";
const app = useApp();

/** Opens Carnet, reads the four files, picks Sailly-lez-Lannoy and opens its portrait. */
async function portrait(viewport, options = {}) {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [AXE], viewport, ...options });
  const page = carnet.page;
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.upload(FILES);
  await page.getByRole("button", { name: "Voir le portrait de Sailly-lez-Lannoy" }).waitFor({ timeout: 90_000 });
  // The four files read: the tidy table has the three vintages.
  await page.getByText(/cc_filosofi_2020_DEP\.csv/).first().waitFor({ timeout: 90_000 });
  await page.waitForFunction(() => document.querySelectorAll(".source").length === 4, null, { timeout: 90_000 });
  await page.getByRole("button", { name: "Voir le portrait de Sailly-lez-Lannoy" }).click();
  await page.getByRole("heading", { name: "Sailly-lez-Lannoy en chiffres" }).waitFor();
  await page.waitForFunction(() => location.hash === "#portrait");
  await page.locator("#portrait-map[data-rendered='true']").waitFor({ timeout: 30_000 });
  return carnet;
}

for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
  const at = `${viewport.width} px`;
  test(`the portrait of Sailly-lez-Lannoy: figures, sentences, the Nord the same year, the map of the MEL, at ${at}`, async () => {
    const carnet = await portrait(viewport);
    const page = carnet.page;
    assert.equal(await page.getByRole("navigation", { name: "Étapes du dossier" }).isVisible(), false, "the working page steps aside");
    const cards = page.locator(".figure-card");
    const first = cards.first();
    assert.equal(await first.getByRole("heading").innerText(), "Médiane du niveau de vie");
    assert.equal(await first.locator(".value").innerText(), `29${NNBSP}860\u00a0€`);
    assert.equal(await first.locator(".year").innerText(), "en 2021");
    assert.equal(
      await first.locator(".figure-sentence").innerText(),
      `En 2021, la moitié des habitants de Sailly-lez-Lannoy vivent dans un ménage dont le niveau de vie (le revenu disponible par unité de consommation) dépasse 29${NNBSP}860\u00a0€ par an. C’est 1,4\u00a0% de plus qu’en 2020 (29${NNBSP}440\u00a0€). Pour comparaison, en 2020 : 29${NNBSP}440\u00a0€ à Sailly-lez-Lannoy et 20${NNBSP}750\u00a0€ dans le Nord.`,
    );
    // The Nord's year is not the figure's: Sailly's own value that year stands above it.
    const compared = await first.locator(".compared li").allInnerTexts();
    assert.deepEqual(compared.map((t) => t.replace(/[\t\n ]+/g, " ")), [`Sailly-lez-Lannoy (2020) 29${NNBSP}440\u00a0€`, `Nord (2020) 20${NNBSP}750\u00a0€`]);
    // Its small chart: the three years, in its data table.
    const data = await first.locator("table.data tbody tr").evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent).join(" ")));
    assert.deepEqual(data, [`2019 28${NNBSP}570\u00a0€`, `2020 29${NNBSP}440\u00a0€`, `2021 29${NNBSP}860\u00a0€`]);
    const count = await cards.count();
    assert.ok(count >= 4 && count <= 8, `${count} figures`);
    assert.match(await page.locator(".portrait-sources").innerText(), /Insee, Filosofi 2020 — fichier cc_filosofi_2020_DEP\.csv — Licence Ouverte 2\.0/);

    // The map: the 95 communes of the MEL, coloured by the median in classes, Sailly outlined.
    const map = await page.evaluate(() => {
      const chart = window.echarts.getInstanceByDom(document.getElementById("portrait-map"));
      const o = chart.getOption();
      const data = o.series[0].data;
      const sailly = data.find((d) => d.name === "Sailly-lez-Lannoy");
      return {
        communes: data.length,
        valued: data.filter((d) => typeof d.value === "number").length,
        sailly: [sailly.value, sailly.itemStyle.borderWidth],
        pieces: o.visualMap[0].pieces.map((p) => p.label),
        title: document.getElementById("portrait-map-title").textContent,
        titles: (o.title ?? []).length,
      };
    });
    assert.equal(map.communes, 95, "the 95 communes of the Métropole Européenne de Lille");
    assert.ok(map.valued >= 80, `${map.valued} communes with a value`);
    assert.deepEqual(map.sailly, [29860, 3]);
    assert.equal(map.pieces.length, 5);
    assert.match(map.pieces[0], /^moins de \d/);
    assert.match(map.pieces[4], /€ ou plus$/);
    assert.equal(map.title, "Médiane du niveau de vie (€) en 2021");
    assert.equal(map.titles, 0, "the page carries the map's title, once");
    const rows = await page.locator("#portrait-map").locator("xpath=..").locator("table.data tbody tr").count();
    assert.equal(rows, 95, "the map's values as a table");

    // Inside the viewport, nothing wider than the page.
    assert.deepEqual(await outside(page, ".figure-card, .portrait-map, .portrait-head, .portrait-actions button"), []);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0, "no horizontal scroll");
    await carnet.screenshot(`d0-portrait-${viewport.width}`);
    await axe(carnet, `portrait ${at}`);
    // Only the app's own files: the contours of the Nord among them.
    assert.ok(carnet.requests.some((u) => u.endsWith("/contours/59.json")), "the contours come from the app");
    assert.ok(!carnet.requests.some((u) => /contours\/(?!59)/.test(u)), "only the Nord's contours");
    assertClean(carnet);
    await carnet.page.context().close();
  });
}

test("the clerk chooses the figures and their order; the portrait prints on A4 and downloads as one page", async () => {
  const carnet = await portrait({ width: 1280, height: 900 });
  const page = carnet.page;
  const chooser = page.getByText("Choisir les chiffres du portrait et leur ordre");
  await chooser.click();
  const titles = () => page.locator(".figure-card h3").allInnerTexts();
  const before = await titles();
  // The second figure moves up; then the first one is taken out.
  await page.getByRole("button", { name: `Monter « ${before[1]} »` }).click();
  await page.waitForFunction((t) => document.querySelector(".figure-card h3")?.innerText === t, before[1]);
  assert.deepEqual((await titles()).slice(0, 2), [before[1], before[0]]);
  // The list is drawn again from the answer: a click, then the new state is read.
  await page.getByRole("checkbox", { name: new RegExp(`^${before[1]} \\(`) }).click();
  await page.waitForFunction((t) => document.querySelector(".figure-card h3")?.innerText !== t, before[1]);
  assert.ok(!(await titles()).includes(before[1]));
  assert.equal(await page.getByRole("checkbox", { name: new RegExp(`^${before[0]} \\(`) }).isChecked(), true, "the others stay chosen");
  assert.equal(await page.getByRole("button", { name: `Monter « ${before[1]} »` }).count(), 0, "a figure left out has no place to move");

  // Printed: one clean A4 document, the working page and the controls left out.
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.getByRole("button", { name: "Imprimer le portrait" }).isVisible(), false);
  assert.equal(await page.locator(".banner").isVisible(), false);
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  writeFileSync(join(ARTIFACTS, "d1-portrait.pdf"), pdf);
  assert.ok(pdf.length > 20_000 && pdf.subarray(0, 5).toString() === "%PDF-");
  await page.emulateMedia({ media: "screen" });

  // One HTML file: the figures as text, the charts as images inside it, no script.
  const file = await carnet.download("Télécharger le portrait (page HTML)");
  assert.equal(file.name, "portrait_Sailly-lez-Lannoy.html");
  assert.match(file.text, /<h1>Sailly-lez-Lannoy en chiffres<\/h1>/);
  assert.ok(!/<script/i.test(file.text), "no script in the page");
  assert.ok(!/(src|href)="https?:/i.test(file.text), "no outside address");
  assert.ok((file.text.match(/<img src="data:image\/svg\+xml/g) ?? []).length >= 2, "the charts and the map inside it");
  writeFileSync(join(ARTIFACTS, "d2-portrait.html"), file.bytes);

  // Dark mode: the page follows the system's colours and stays readable.
  await page.emulateMedia({ colorScheme: "dark" });
  const colours = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector(".figure-card")).color]);
  assert.deepEqual(colours, ["rgb(20, 24, 29)", "rgb(236, 239, 243)"]);
  await carnet.screenshot("d3-portrait-sombre");
  await axe(carnet, "portrait, dark mode");
  await page.emulateMedia({ colorScheme: "light" });

  // Back to the dossier: « Précédent » closes the portrait.
  await page.goBack();
  await page.getByRole("navigation", { name: "Étapes du dossier" }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "Sailly-lez-Lannoy en chiffres" }).isVisible(), false);

  // The working page draws the same map as a chart of its own, with its exports: from a file of
  // communes (the file shown last is the départements', which offers no map).
  assert.equal(await page.getByLabel("Type de graphique").locator("option", { hasText: "Carte" }).count(), 0);
  await page.getByRole("button", { name: "Afficher cc_filosofi_2021_COM.csv" }).click();
  await page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).waitFor();
  await carnet.chooseIndicator("MED21");
  await page.getByLabel("Type de graphique").selectOption({ label: "Carte des communes de la Métropole Européenne de Lille" });
  await page.waitForFunction(() => {
    const el = document.querySelector("#carnet-chart");
    const chart = el && window.echarts.getInstanceByDom(el);
    return el.dataset.rendered === "true" && chart && chart.getOption().series[0].type === "map";
  });
  assert.match(await page.locator("#chart-alt").innerText(), /^Carte des 95 communes de la Métropole Européenne de Lille colorées selon « Médiane du niveau de vie \(€\) en 2021 », en 5 classes/);
  await carnet.screenshot("d4-carte-graphique", ".chart-figure");
  // Every commune of the Nord, on request.
  await page.getByRole("button", { name: "Modifier le graphique" }).click();
  await page.getByLabel(/^Toutes les communes du département/).check();
  await page.waitForFunction(() => {
    const chart = window.echarts.getInstanceByDom(document.querySelector("#carnet-chart"));
    return chart && chart.getOption().series[0].data.length > 600;
  });
  assert.match(await page.locator("#chart-alt").innerText(), /^Carte des 6\d\d communes du Nord colorées selon/);
  await carnet.screenshot("d6-carte-nord", ".chart-figure");
  await page.getByLabel(/^Toutes les communes du département/).uncheck();
  const svg = await carnet.download("Télécharger en SVG");
  assert.match(svg.text, /Contours : IGN, Admin Express COG 2018/);
  assertClean(carnet);
  await carnet.page.context().close();
});

test("a link opens on the portrait: the reader opens the same public files and sees the figures chosen", async () => {
  const first = await portrait({ width: 1280, height: 900 }, { permissions: ["clipboard-read", "clipboard-write"] });
  // The clerk puts the number of households first, then shares the portrait.
  await first.page.getByText("Choisir les chiffres du portrait et leur ordre").click();
  const titles = () => first.page.locator(".figure-card h3").allInnerTexts();
  const households = "Nombre de ménages fiscaux";
  for (let i = (await titles()).indexOf(households); i > 0; i--) {
    await first.page.getByRole("button", { name: `Monter « ${households} »` }).click();
    await first.page.waitForFunction(([t, at]) => [...document.querySelectorAll(".figure-card h3")].map((h) => h.innerText).indexOf(t) === at, [households, i - 1]);
  }
  const chosen = await titles();
  await first.page.getByRole("button", { name: "Copier le lien du portrait" }).click();
  await first.page.getByText(/^Lien copié/).waitFor();
  const link = await first.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#carnet=[A-Za-z0-9_-]+$/);
  assertClean(first);
  await first.page.context().close();

  const second = await CarnetPage.open(app.browser, link, { initScripts: [AXE] });
  const page = second.page;
  const waiting = page.getByRole("heading", { name: "Le portrait attend ses fichiers" });
  await waiting.waitFor();
  await page.locator(".portrait-waiting li").first().waitFor();
  const awaited = await page.locator(".portrait-waiting li").allInnerTexts();
  assert.deepEqual(awaited.sort(), FILES.map((f) => f.split("/").pop()).sort());
  await second.screenshot("d5-portrait-attend");
  await axe(second, "portrait en attente de ses fichiers");
  await page.getByRole("button", { name: "Ouvrir les fichiers" }).click();
  await page.waitForFunction(() => document.getElementById("commune-input")?.value === "Sailly-lez-Lannoy (59522)");
  await second.upload(FILES);
  await page.getByRole("heading", { name: "Sailly-lez-Lannoy en chiffres" }).waitFor({ timeout: 90_000 });
  await page.waitForFunction((n) => document.querySelectorAll(".figure-card h3").length === n, chosen.length);
  assert.deepEqual(await page.locator(".figure-card h3").allInnerTexts(), chosen, "the clerk's figures, in the clerk's order");
  assertClean(second);
  await page.context().close();
});
