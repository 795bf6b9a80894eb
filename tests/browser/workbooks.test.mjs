// Files as people download them: INSEE's workbooks (XLSX, XLS, ODS) and ZIP archives, their
// double headers, split codes and sheets of every level; the source's precision kept; and the
// broken ones said in French, the dossier untouched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { AXE, assertClean, axe, useApp } from "./harness.mjs";

const app = useApp();
const NNBSP = "\u202f";

/** The cells of the row named `name` in Sailly-lez-Lannoy's table (one cell per row kept). */
async function cells(page, name) {
  return page.getByRole("table", { name: /^Sailly-lez-Lannoy \(59522\)/ }).locator("tbody tr")
    .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name.replace(/[()]/g, "\\$&")}(\\s|$)`) }) }).locator("td").allInnerTexts();
}

/** The header cells of Sailly-lez-Lannoy's table, line numbers left out. */
async function levels(page) {
  const texts = await page.getByRole("table", { name: /^Sailly-lez-Lannoy \(59522\)/ }).locator("thead th").allInnerTexts();
  return texts.slice(1).map((t) => t.replace(/ · Ligne [\d\u202f]+$/, ""));
}

test("INSEE workbooks: the communes' sheet, its double header, another sheet for the EPCI or the Nord", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [AXE] });
  const page = carnet.page;
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);

  // The EPCI workbook: the sheet of communes is chosen, its codes line names the columns.
  await carnet.upload(join(TEST_DATA, "EPCI_au_01-01-2024.xlsx"));
  const summary = page.locator(".detected .summary");
  await summary.filter({ hasText: "Classeur Excel (.xlsx), feuille « Composition_communale »" }).waitFor({ timeout: 60_000 });
  await page.getByText(/^Feuille « Composition_communale » lue : celle qui contient le plus de codes de communes \(4 feuilles/).waitFor();
  await page.getByText(/^Double en-tête : une ligne de libellés au-dessus d’une ligne de codes/).waitFor();
  assert.deepEqual(await cells(page, "LIBEPCI"), ["Métropole Européenne de Lille"]);
  await carnet.screenshot("b0-classeur-epci");
  await axe(carnet, "classeur");
  // Its sheet of EPCI: one row per EPCI, Sailly-lez-Lannoy gets the Métropole's.
  await page.getByLabel("Feuille lue").selectOption({ label: "EPCI" });
  await summary.filter({ hasText: "feuille « EPCI »" }).waitFor({ timeout: 60_000 });
  await page.getByRole("table", { name: "Sailly-lez-Lannoy (59522) : 0 ligne et 1 de comparaison" }).waitFor();
  await page.getByText("Ce fichier n’a pas de ligne pour la commune de Sailly-lez-Lannoy (code Insee 59522) : il apporte celle de la Métropole Européenne de Lille (1 indicateur chiffré).").waitFor();
  assert.deepEqual(await levels(page), ["EPCI"]);
  assert.deepEqual(await cells(page, "NB_COM"), ["95"]);

  // The populations légales: the commune code split in two columns is rebuilt.
  await carnet.upload(join(TEST_DATA, "ensemble-populations-legales-2025.xlsx"));
  await summary.filter({ hasText: "feuille « Communes »" }).waitFor({ timeout: 60_000 });
  await page.getByText("Code commune reconstitué : « Code département » + « Code commune » (59 + 522 → 59522), comme dans les autres fichiers.").waitFor();
  const population = await cells(page, "Population municipale");
  assert.equal(population[0], `1${NNBSP}936`);
  // A count, summed over the Nord's communes (« somme calculée »): INSEE's own figure for the Nord.
  assert.deepEqual(await levels(page), ["Commune", "EPCI · somme calculée", "Département · somme calculée", "Région · somme calculée", "France · somme calculée"]);
  assert.equal(population[2], `2${NNBSP}616${NNBSP}909`);
  await page.getByLabel("Feuille lue").selectOption({ label: "Départements" });
  await summary.filter({ hasText: "feuille « Départements »" }).waitFor({ timeout: 60_000 });
  await page.getByRole("table", { name: "Sailly-lez-Lannoy (59522) : 0 ligne et 1 de comparaison" }).waitFor();
  assert.deepEqual(await levels(page), ["Département"]);
  assert.deepEqual(await cells(page, "Population totale"), [`2${NNBSP}646${NNBSP}988`]);
  await carnet.screenshot("b1-classeur-departement", ".selection");

  // An old .xls, its sheet of départements: the Nord's hourly wage, with its decimal.
  await carnet.upload(join(TEST_DATA, "base-cc-salaire-net-horaire-moyen-10.xls"));
  await summary.filter({ hasText: "Classeur Excel 97-2003 (.xls), feuille « SALRE_COM »" }).waitFor({ timeout: 60_000 });
  await page.getByLabel("Feuille lue").selectOption({ label: "SALRE_DEP" });
  await summary.filter({ hasText: "feuille « SALRE_DEP »" }).waitFor({ timeout: 60_000 });
  await page.getByRole("table", { name: "Sailly-lez-Lannoy (59522) : 0 ligne et 1 de comparaison" }).waitFor();
  assert.deepEqual(await cells(page, "SNHMT10"), ["12,6"]);

  // The dossier lists the three workbooks, each with what it gives.
  await page.getByRole("heading", { name: "Le dossier : 3 fichiers" }).waitFor();
  await carnet.screenshot("b2-classeurs-dossier", ".sources");
  assertClean(carnet);
  await page.context().close();
});

test("an INSEE archive opens on its communes' table with its dictionary; the precision stays the source's", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  // INSEE's archive as it ships: the commune table beside its meta_ dictionary, in a folder,
  // and the tables of the EPCI and the départements (made here with the real file's header; the
  // values are the test's, the median of the Nord and of the Métropole are not in the project).
  const dir = mkdtempSync(join(tmpdir(), "carnet-zip-"));
  const zip = join(dir, "base-cc-filosofi-2019_CSV.zip");
  execFileSync("python3", ["-c", `
import zipfile, sys
header = open(sys.argv[2] + "/cc_filosofi_2019_COM.CSV", encoding="latin-1").readline().rstrip("\\r\\n").split(";")
def row(code, med):
    return ";".join(code if c == "CODGEO" else (med if c == "MED19" else "") for c in header)
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name in ["cc_filosofi_2019_COM.CSV", "meta_cc_filosofi_2019_COM.CSV"]:
        z.write(sys.argv[2] + "/" + name, "base-cc-filosofi-2019_CSV/" + name)
    z.writestr("base-cc-filosofi-2019_CSV/cc_filosofi_2019_EPCI.CSV", ";".join(header) + "\\r\\n" + row("200093201", "21500") + "\\r\\n")
    z.writestr("base-cc-filosofi-2019_CSV/cc_filosofi_2019_DEP.CSV", ";".join(header) + "\\r\\n" + row("59", "20350") + "\\r\\n")
`, zip, TEST_DATA]);
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.upload(zip);
  const summary = page.locator(".detected .summary");
  await summary.filter({ hasText: "Archive ZIP, fichier « base-cc-filosofi-2019_CSV/cc_filosofi_2019_COM.CSV »" }).waitFor({ timeout: 60_000 });
  await page.getByText(/^Dictionnaire des variables de l’archive \(« base-cc-filosofi-2019_CSV\/meta_cc_filosofi_2019_COM\.CSV »\) chargé/).waitFor();
  // The EPCI's and the Nord's own medians join as comparisons: never a sum of communes.
  await page.getByText(/^Lignes des autres niveaux ajoutées depuis « base-cc-filosofi-2019_CSV\/cc_filosofi_2019_DEP\.CSV », « base-cc-filosofi-2019_CSV\/cc_filosofi_2019_EPCI\.CSV »/).waitFor();
  assert.deepEqual(await levels(page), ["Commune", "EPCI", "Département"]);
  assert.deepEqual(await cells(page, "MED19"), [`28${NNBSP}570`, `21${NNBSP}500`, `20${NNBSP}350`]);
  // The dictionary titles the chart in words; the comparison is the levels' own medians.
  await carnet.chooseIndicator("MED19");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("Médiane du niveau de vie"));
  assert.equal(await page.getByLabel("Type de graphique").inputValue(), "levels");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("contre 21\u202f500\u00a0€ pour la Métropole Européenne de Lille, 20\u202f350\u00a0€ pour le Nord"));
  assert.ok(!(await page.locator("#chart-alt").innerText()).includes("somme"), "a median is never summed");
  await page.locator('.chart[data-rendered="true"]').waitFor();
  await carnet.screenshot("b4-archive-comparaison", ".chart-figure");

  // Filosofi 2021 writes 71,0 and 3,0: kept so on the page and in the clean CSV.
  await carnet.upload(join(TEST_DATA, "cc_filosofi_2021_COM.csv"));
  await page.getByRole("table", { name: /^Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => [...document.querySelectorAll("th .code")].some((code) => code.innerText === "PIMP21"));
  assert.equal((await cells(page, "PIMP21"))[0], "71,0");
  assert.equal((await cells(page, "RD21"))[0], "3,0");
  const csv = (await carnet.download("Télécharger le CSV nettoyé")).text.trimEnd().split("\n");
  const header = csv[0].split(",");
  const row = csv[1].split(",");
  assert.equal(row[header.indexOf("PIMP21")], "71.0");
  assert.equal(row[header.indexOf("RD21")], "3.0");
  await carnet.chooseIndicator("PIMP21");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("71,0"));
  assertClean(carnet);
  await page.context().close();
});

test("an ODS and an IRIS workbook: LibreOffice's sheet read to its last row, Lille's IRIS with their medians", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  const summary = page.locator(".detected .summary");
  // INSEE's vital statistics as an ODS with a million repeated empty rows: its table only.
  await carnet.upload(join(TEST_DATA, "utilitr_mes_donnees.ods"));
  await summary.filter({ hasText: /^Classeur OpenDocument \(\.ods\), feuille « Sheet1 »/ }).waitFor({ timeout: 60_000 });
  assert.match(await summary.innerText(), /En-tête : ligne 1 · 1\d\d lignes, 15 colonnes/);
  // The Filosofi IRIS workbook: labels above codes, and Lille's 93 IRIS.
  await carnet.pickCommune("59350", /Lille \(59350\)/);
  await carnet.upload(join(TEST_DATA, "BASE_TD_FILO_DISP_IRIS_2018.xlsx"));
  await summary.filter({ hasText: "feuille « IRIS_DISP »" }).waitFor({ timeout: 60_000 });
  await page.getByRole("table", { name: /^Lille \(59350\) : 93 lignes/ }).waitFor({ timeout: 60_000 });
  const table = page.getByRole("table", { name: /^Lille \(59350\)/ });
  assert.match(await table.innerText(), /lille centre 4/);
  assert.match(await table.innerText(), new RegExp(`26${NNBSP}860`));
  await carnet.screenshot("b5-iris-lille", ".selection");
  assertClean(carnet);
  await page.context().close();
});

test("a broken workbook, a PDF or a Numbers file named .xlsx: said in French, the dossier untouched", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.upload(join(TEST_DATA, "communes_nouvelles_2018.xls"));
  await page.getByRole("heading", { name: "Le dossier : 1 fichier" }).waitFor({ timeout: 60_000 });
  const real = readFileSync(join(TEST_DATA, "EPCI_au_01-01-2024.xlsx"));
  const file = (name, buffer) => ({ name, mimeType: "application/octet-stream", buffer });
  const cases = [
    [file("coupe.xlsx", real.subarray(0, 200_000)), /« coupe\.xlsx » se présente comme une archive ZIP, mais il est abîmé ou incomplet/],
    [file("rapport.xlsx", Buffer.from("%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "latin1")), /« rapport\.xlsx » est un document PDF, pas un tableau de données\. Carnet lit les fichiers CSV/],
  ];
  for (const [bad, message] of cases) {
    await carnet.upload(bad);
    await page.getByRole("alert").filter({ hasText: message }).waitFor({ timeout: 30_000 });
  }
  await page.getByRole("heading", { name: "Le dossier : 1 fichier" }).waitFor();
  await carnet.screenshot("b3-classeur-abime");
  assertClean(carnet);
  await page.context().close();
});
