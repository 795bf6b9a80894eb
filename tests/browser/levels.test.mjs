// The commune beside the territories it belongs to: the EPCI, département, région and France
// rows a file has, and the counts Carnet sums for a level it lacks — never a median.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CarnetPage } from "./carnet-page.mjs";
import { censusMel, observatoireLike } from "./fixtures.mjs";
import { AXE, assertClean, axe, useApp } from "./harness.mjs";

const app = useApp();

/** The header cells of the commune's table (one column per row kept), line numbers of the
 *  commune's row (wherever the file has it) left out. */
async function columns(page) {
  const texts = await page.getByRole("table", { name: /^Sailly-lez-Lannoy \(59522\)/ }).locator("thead th").allInnerTexts();
  return texts.map((t) => t.replace(/^Commune · Ligne \d+$/, "Commune · Ligne n"));
}

test("a file of several levels: the commune beside its EPCI, département, région and France", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [AXE] });
  const page = carnet.page;
  await carnet.pickCommune("sailly lez", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.upload(observatoireLike());
  await page.getByRole("table", { name: "Sailly-lez-Lannoy (59522) : 1 ligne et 4 de comparaison" }).waitFor({ timeout: 60_000 });
  assert.deepEqual(await columns(page), [
    "Colonne", "Commune · Ligne n", "EPCI · Ligne 99", "Département · Ligne 101", "Région · Ligne 102", "France · Ligne 103",
  ], "the Gers (code 32, line 100) is not taken for the région");
  // Carnet proposes the comparison for a rate, and draws it.
  await carnet.chooseIndicator("taux_natalite");
  await page.locator('.chart[data-rendered="true"]').waitFor();
  assert.equal(await page.getByLabel("Type de graphique").inputValue(), "levels");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("10,7 pour la France"));
  assert.equal(
    await page.locator("#chart-alt").innerText(),
    "taux_natalite : 9,4 à Sailly-lez-Lannoy, contre 12,9 pour la Métropole Européenne de Lille, 11,5 pour le Nord, " +
      "11,0 pour les Hauts-de-France, 10,7 pour la France. Source : fichier natalite_2021.csv.",
  );
  // The comparison rows come from the file: they are in the clean CSV.
  const csv = (await carnet.download("Télécharger le CSV nettoyé")).text.trimEnd().split("\n");
  assert.deepEqual(csv.slice(1).map((l) => l.split(",")[0]), ["59522", "200093201", "59", "32", "FR"]);
  assert.equal(csv[4], "32,Hauts-de-France,2021,11.0,62000");
  await carnet.screenshot("95-niveaux-du-fichier");
  await carnet.screenshot("95-niveaux-tableau", ".selection");
  await carnet.screenshot("95-niveaux-graphique", ".chart-figure");
  await axe(carnet, "comparaison des niveaux");

  // The EPCI as the territory: its own row first, then the levels above it; and back.
  await page.getByRole("button", { name: "Choisir l’intercommunalité Métropole Européenne de Lille (SIREN 200093201) comme territoire" }).click();
  const epci = page.getByRole("table", { name: "Métropole Européenne de Lille (200093201) : 1 ligne et 3 de comparaison" });
  await epci.waitFor();
  assert.deepEqual(await epci.locator("thead th").allInnerTexts(), [
    "Colonne", "EPCI · Ligne 99", "Département · Ligne 101", "Région · Ligne 102", "France · Ligne 103",
  ]);
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("taux_natalite : 12,9 à la Métropole"));
  assert.equal(
    await page.locator("#chart-alt").innerText(),
    "taux_natalite : 12,9 à la Métropole Européenne de Lille, contre 11,5 pour le Nord, 11,0 pour les Hauts-de-France, " +
      "10,7 pour la France. Source : fichier natalite_2021.csv.",
  );
  await carnet.screenshot("96-niveaux-epci", ".selection");
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  const form = page.getByRole("form", { name: "Le jeu de données" });
  assert.equal(await form.getByLabel("Territoires").inputValue(), "fr:epci:200093201");
  await axe(carnet, "l’EPCI pour territoire");
  // France as the territory: its own row, published as the country.
  await page.getByRole("button", { name: "Choisir la France comme territoire" }).click();
  const france = page.getByRole("table", { name: /^France \(FR\) : 1 ligne$/ });
  await france.waitFor();
  assert.deepEqual(await france.locator("thead th").allInnerTexts(), ["Colonne", "France · Ligne 103"]);
  assert.equal(await form.getByLabel("Territoires").inputValue(), "country:fr");
  await carnet.screenshot("96-niveaux-france", ".selection");
  await page.getByRole("button", { name: "Choisir la commune de Sailly-lez-Lannoy (code Insee 59522) comme territoire" }).click();
  await page.getByRole("table", { name: "Sailly-lez-Lannoy (59522) : 1 ligne et 4 de comparaison" }).waitFor();
  assert.equal(await form.getByLabel("Territoires").inputValue(), "fr:commune:59522");
  assertClean(carnet);
  await page.context().close();
});

test("counts of a level the file lacks are summed and marked; a median is not", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  const { file, total } = censusMel();
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.upload(file);
  await page.getByRole("table", { name: "Sailly-lez-Lannoy (59522) : 1 ligne et 1 de comparaison" }).waitFor({ timeout: 60_000 });
  assert.deepEqual(await columns(page), ["Colonne", "Commune · Ligne n", "EPCI · somme calculée"]);
  const cells = async (name) => page.getByRole("table", { name: /^Sailly-lez-Lannoy \(59522\)/ }).locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}(\\s|$)`) }) }).locator("td").allInnerTexts();
  const fr = new Intl.NumberFormat("fr-FR").format(total).replace(/\s/g, "\u202f");
  assert.deepEqual((await cells("P21_POP"))[1].replace(/\s/g, "\u202f"), fr, "the EPCI's population: the sum of its 95 communes");
  assert.deepEqual((await cells("MED21"))[1], "", "a median is never summed");
  assert.match(await cells("LIBGEO").then((c) => c[1]), /^Métropole Européenne de Lille \(somme calculée de 95 communes\)$/);
  await page.getByText(/Les sommes calculées par Carnet additionnent les communes du fichier pour les comptages seulement/).waitFor();

  await carnet.chooseIndicator("P21_POP");
  await page.getByLabel("Type de graphique").selectOption("levels");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("(somme calculée)"));
  assert.match(await page.locator("#chart-alt").innerText(), /^Population en 2021 : [\d\s\u202f]+ à Sailly-lez-Lannoy, contre [\d\s\u202f]+ pour Métropole Européenne de Lille \(somme calculée\)\. /);
  // The computed row stays out of the published data.
  const csv = (await carnet.download("Télécharger le CSV nettoyé")).text;
  assert.ok(!csv.includes("200093201"), csv);
  await carnet.screenshot("96-somme-epci");
  await carnet.screenshot("96-somme-epci-tableau", ".selection");
  await carnet.screenshot("96-somme-epci-graphique", ".chart-figure");
  assertClean(carnet);
  await page.context().close();
});

test("the name of a commune déléguée finds the commune it belongs to", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.commune.fill("cherbourg octeville");
  const option = page.getByRole("option", { name: /Cherbourg-en-Cotentin \(50129\)/ });
  await option.waitFor();
  assert.match(await option.innerText(), /dont Cherbourg-Octeville \(commune déléguée ou associée\) · Manche/);
  await option.click();
  assert.equal(await carnet.commune.inputValue(), "Cherbourg-en-Cotentin (50129)");
  assertClean(carnet);
  await page.context().close();
});
