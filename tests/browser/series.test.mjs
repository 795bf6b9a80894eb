// Charts of several series from a census population file, for Sailly-lez-Lannoy: the age
// pyramid, bands stacked and at 100 % beside the MEL (its sum computed), a donut; their
// legends, text alternatives and the recipe that keeps them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { censusAges } from "./fixtures.mjs";
import { AXE, assertClean, axe, useApp } from "./harness.mjs";

const FILOSOFI_2020 = join(TEST_DATA, "cc_filosofi_2020_COM.csv");
const app = useApp();

/** Picks a kind of chart and waits until it is drawn with a text alternative matching `alt`. */
async function draw(page, kind, alt) {
  await page.getByLabel("Type de graphique").selectOption({ label: kind });
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById("chart-alt")?.innerText ?? ""), alt.source);
  await page.locator('.chart[data-rendered="true"]').waitFor();
  return page.evaluate(() => JSON.parse(document.getElementById("carnet-chart").carnetOption));
}

test("a census file: age pyramid, stacked and 100 % bands beside the MEL, a donut — kept in the recipe", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [AXE] });
  const page = carnet.page;
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.upload(censusAges());
  await page.getByRole("table", { name: "Sailly-lez-Lannoy (59522) : 1 ligne et 1 de comparaison" }).waitFor({ timeout: 60_000 });
  const offered = await page.getByLabel("Type de graphique").locator("option").allInnerTexts();
  assert.deepEqual(offered, [
    "Valeur de la commune", "Classement des communes de la Métropole Européenne de Lille",
    "Comparaison avec l’EPCI, le département, la région, la France", "Barres groupées : plusieurs indicateurs",
    "Barres empilées : plusieurs indicateurs", "Barres à 100 % : la part de chaque indicateur",
    "Anneau : la part de chaque indicateur", "Pyramide des âges", "Carte des communes de la Métropole Européenne de Lille",
  ]);

  // The pyramid: men to the left, written without a sign; every band in the alternative.
  const pyramid = await draw(page, "Pyramide des âges", /^Population par sexe et âge — 0-14 ans : Hommes /);
  assert.deepEqual(pyramid.yAxis.data, ["0-14 ans", "15-29 ans", "30-44 ans", "45-59 ans", "60-74 ans", "75-89 ans", "90 ans ou plus"]);
  assert.ok(pyramid.series[0].data.every((d) => d.value < 0) && pyramid.series[1].data.every((d) => d.value > 0));
  assert.equal(pyramid.xAxis.axisLabel.formatter, "{carnet:fr-abs}");
  assert.match(await page.locator("#chart-alt").innerText(), /90 ans ou plus : Hommes [\d,]+, Femmes [\d,]+\. Source : Insee, recensement de la population 2021\.$/);
  await carnet.screenshot("97-pyramide", ".chart-figure");

  // Age bands stacked, the commune beside the MEL (summed by Carnet), with a legend.
  await carnet.chooseIndicator("P21_POP0014");
  const stacked = await draw(page, "Barres empilées : plusieurs indicateurs", /^Nombre de personnes — Sailly-lez-Lannoy : 0 à 14 ans [\d,]+, 15 à 29 ans [\d,]+, 30 à 44 ans [\d,]+ ; /);
  const choice = page.getByRole("group", { name: "Indicateurs à représenter ensemble (deux ou plus)" });
  assert.equal(await choice.getByRole("checkbox", { name: "P21_POP1529" }).isChecked(), true);
  assert.deepEqual(stacked.xAxis.data, ["Sailly-lez-Lannoy", "Métropole Européenne de Lille (somme calculée)"]);
  assert.equal(stacked.series.length, 3);
  assert.ok(stacked.legend, "a legend to show or hide each series");
  await choice.getByRole("checkbox", { name: "P21_POP4559" }).check();
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes(", 45 à 59 ans "));

  const percent = await draw(page, "Barres à 100 % : la part de chaque indicateur", /^Nombre de personnes — Sailly-lez-Lannoy : 0 à 14 ans [\d,]+\u00a0%/);
  const shares = percent.series.map((s) => s.data[0].value);
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 0.5, shares.join());
  await carnet.screenshot("97-barres-100", ".chart-figure");
  await axe(carnet, "graphique de plusieurs indicateurs");

  // A donut takes parts of one whole: four age bands are not the population, all of them are.
  await page.getByLabel("Type de graphique").selectOption({ label: "Anneau : la part de chaque indicateur" });
  await page.getByRole("alert").filter({ hasText: /^Un anneau montre les parts d’un tout : « Nombre de personnes de 0 à 14 ans », « Nombre de personnes de 15 à 29 ans », « Nombre de personnes de 30 à 44 ans », « Nombre de personnes de 45 à 59 ans » ne forment pas un tout/ }).waitFor();
  for (const band of ["P21_POP6074", "P21_POP7589", "P21_POP90P"]) await choice.getByRole("checkbox", { name: band }).check();
  const donut = await draw(page, "Anneau : la part de chaque indicateur", /^Nombre de personnes à Sailly-lez-Lannoy — 0 à 14 ans : [\d,]+ \([\d,]+\u00a0%\) ; .* ; 90 ans ou plus : /);
  assert.equal(donut.series[0].type, "pie");
  assert.equal(donut.series[0].data.length, 7);
  await carnet.screenshot("97-anneau", ".chart-figure");
  const png = await carnet.download("Télécharger en PNG");
  assert.deepEqual([...png.bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(""), "PNG");

  // The recipe keeps the kind and the indicators.
  const recipe = JSON.parse((await carnet.download("Télécharger la recette (carnet.json)")).text);
  assert.equal(recipe.chart.kind, "Donut");
  assert.deepEqual(recipe.chart.columns, ["P21_POP0014", "P21_POP1529", "P21_POP3044", "P21_POP4559", "P21_POP6074", "P21_POP7589", "P21_POP90P"]);
  assertClean(carnet);
  await page.context().close();
});

test("the real Filosofi 2020 file: Sailly-lez-Lannoy's counts grouped beside the MEL's sums", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.showSailly(FILOSOFI_2020, "NBMENFISC20");
  const grouped = await draw(page, "Barres groupées : plusieurs indicateurs", /^Nombre de ménages fiscaux, Nombre de personnes dans les ménages fiscaux, Médiane du niveau de vie \(€\) — Nombre de ménages fiscaux : Sailly-lez-Lannoy 765, /);
  // Two territories: the commune, and the MEL whose households Carnet summed (never a median).
  assert.deepEqual(grouped.series.map((s) => s.name), ["Sailly-lez-Lannoy", "Métropole Européenne de Lille (somme calculée)"]);
  assert.equal(grouped.series[1].data[2].value, "-", "no sum of medians");
  const svg = await carnet.download("Télécharger en SVG");
  assert.match(svg.text, /^<svg[^>]*width="\d+"/);
  await carnet.screenshot("97-barres-groupees-filosofi", ".chart-figure");
  assertClean(carnet);
  await page.context().close();
});
