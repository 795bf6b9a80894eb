// Several extracts, one tidy table: Filosofi 2019 then 2020 for Sailly-lez-Lannoy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ARTIFACTS, CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { AXE, assertClean, axe, useApp } from "./harness.mjs";

const Y2019 = join(TEST_DATA, "cc_filosofi_2019_COM.CSV");
const Y2020 = join(TEST_DATA, "cc_filosofi_2020_COM.csv");
const META = join(TEST_DATA, "meta_cc_filosofi_2019_COM.CSV");
const NNBSP = "\u202f";
const app = useApp();

test("Filosofi 2019 and 2020 make one tidy table: MED 28 570 then 29 440", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [AXE] });
  const page = carnet.page;
  await page.getByLabel("Dictionnaire des variables (facultatif)").setInputFiles(META);
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.upload(Y2019);
  await page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).waitFor();
  await page.getByText(/ajoutez au dossier d’autres millésimes/).waitFor();
  await carnet.upload(Y2020);
  const table = page.getByRole("table", { name: /^Tableau compilé : \d+ valeurs pour Sailly-lez-Lannoy, d’après 2 fichiers/ });
  await table.waitFor();
  const med = await table.locator("tbody tr").filter({ hasText: "MED" }).allInnerTexts();
  const lines = med.filter((t) => /\tMED\t/.test(t));
  assert.equal(lines.length, 2, med.join("\n"));
  assert.match(lines[0], new RegExp(`59522\\tSailly-lez-Lannoy\\tMED\\tMédiane du niveau de vie \\(€\\)\\t2019\\t28${NNBSP}570\\t€`));
  assert.match(lines[1], new RegExp(`\\t2020\\t29${NNBSP}440\\t€\\tcc_filosofi_2020_COM\\.csv`));
  await carnet.screenshot("70-tableau-compile");
  await axe(carnet, "tableau compilé");

  const long = await carnet.download("Télécharger le tableau compilé (format long, CSV)");
  assert.equal(long.name, "compilation_59522_long.csv");
  assert.ok(long.text.startsWith("code_territoire,territoire,indicateur,libelle,annee,valeur,unite,source\n"));
  assert.ok(long.text.includes("59522,Sailly-lez-Lannoy,MED,Médiane du niveau de vie (€),2019,28570,€,cc_filosofi_2019_COM.CSV\n"));
  assert.ok(long.text.includes("59522,Sailly-lez-Lannoy,MED,Médiane du niveau de vie (€),2020,29440,€,cc_filosofi_2020_COM.csv\n"));
  const wide = await carnet.download("Télécharger le tableau compilé (format large, CSV)");
  const [header, y2019, y2020] = wide.text.trimEnd().split("\n");
  const at = header.split(",").indexOf("MED");
  assert.deepEqual([y2019.split(",")[at], y2020.split(",")[at]], ["28570", "29440"]);

  // The indicator over the years, as a line.
  await carnet.chooseIndicator("MED20");
  await page.getByLabel("Type de graphique").selectOption({ label: "Évolution d’une année à l’autre (fichiers compilés)" });
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("en 2019"));
  assert.equal(
    await page.locator("#chart-alt").innerText(),
    `Médiane du niveau de vie (€) à Sailly-lez-Lannoy : 28${NNBSP}570\u00a0€ en 2019, 29${NNBSP}440\u00a0€ en 2020. De 2019 à 2020 : +3 %. ` +
      "Source : Insee, Filosofi 2019 ; Insee, Filosofi 2020.",
  );
  const line = await page.evaluate(() => {
    const o = window.echarts.getInstanceByDom(document.querySelector(".chart")).getOption();
    return { type: o.series[0].type, years: o.xAxis[0].data, values: o.series[0].data.map((d) => d.value) };
  });
  assert.deepEqual(line, { type: "line", years: ["2019", "2020"], values: [28570, 29440] });
  await page.locator('.chart[data-rendered="true"]').waitFor();
  await page.locator("#step-chart").scrollIntoViewIfNeeded();
  await page.locator(".chart-figure").screenshot({ path: join(ARTIFACTS, "71-evolution.png") });
  await axe(carnet, "évolution");
  assertClean(carnet);
  await page.context().close();
});
