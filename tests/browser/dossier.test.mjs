// The dossier as a clerk builds it: Filosofi 2019 and 2020 picked together before the commune,
// 2021 after it; one tidy table over the three years; a line of the median; the ZIP for
// data.gouv.fr; everything back after a reload; « Oublier ce dossier » empties the device.
// The journey's user actions are counted: at most 12.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { AXE, ROOT, assertClean, axe, useApp } from "./harness.mjs";

const Y2019 = join(TEST_DATA, "cc_filosofi_2019_COM.CSV");
const Y2020 = join(TEST_DATA, "cc_filosofi_2020_COM.csv");
const Y2021 = join(TEST_DATA, "cc_filosofi_2021_COM.csv");
const NNBSP = "\u202f";
const app = useApp();

/** The tidy table's MED rows, as « year value » pairs, once it covers `files` files. */
async function medians(page, files = 3) {
  const table = page.getByRole("table", { name: new RegExp(`^Tableau compilé : \\d+ valeurs pour Sailly-lez-Lannoy, d’après ${files} fichiers`) });
  await table.waitFor({ timeout: 60_000 });
  const rows = await table.locator("tbody tr").allInnerTexts();
  return rows.filter((t) => /\tMED\t/.test(t)).map((t) => t.split("\t").slice(4, 6).join(" "));
}

const EXPECTED = [`2019 28${NNBSP}570`, `2020 29${NNBSP}440`, `2021 29${NNBSP}860`];

test("Le dossier: three vintages in any order, one tidy table, one ZIP, kept across a reload, then forgotten", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [AXE] });
  const page = carnet.page;
  let actions = 0;
  const act = async (what) => {
    actions += 1;
    return what();
  };
  const list = page.getByRole("region", { name: /^Le dossier : / });

  // Two vintages picked together, before any commune: both are listed, waiting for one.
  await act(() => carnet.upload([Y2019, Y2020]));
  await page.getByRole("heading", { name: "Le dossier : 2 fichiers" }).waitFor({ timeout: 60_000 });
  assert.equal(await list.getByText("En attente du choix de la commune.").count(), 2);
  await act(() => carnet.commune.fill("59522"));
  await act(() => page.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).click());
  await list.getByText(/^Apporte 1 ligne pour Sailly-lez-Lannoy \(commune\)/).first().waitFor();
  // The third after the commune.
  await act(() => carnet.upload(Y2021));
  await page.getByRole("heading", { name: "Le dossier : 3 fichiers" }).waitFor({ timeout: 60_000 });
  assert.deepEqual(await medians(page), EXPECTED);
  // 2021 joins its series: which file it follows, and what moved since 2020.
  const card2021 = list.getByRole("listitem").filter({ hasText: "cc_filosofi_2021_COM.csv —" });
  await card2021.getByText(/^Fait suite à « cc_filosofi_2020_COM\.csv » : même variable, autre millésime : NBMENFISC20 → NBMENFISC21, /).waitFor();
  await card2021.getByText(/^Ce qui a bougé depuis 2020 : \d+ en hausse/).click();
  await card2021.getByText(`Médiane du niveau de vie (€) : 29${NNBSP}440\u00a0€ en 2020 → 29${NNBSP}860\u00a0€ en 2021 (+1,4 %)`).waitFor();
  await carnet.screenshot("a0-dossier");
  await carnet.screenshot("a0-territoire", 'section[aria-labelledby="step-commune"]');
  await axe(carnet, "dossier");

  // Another commune, then back: every file is filtered again.
  await carnet.pickCommune("Lannoy", /^Lannoy \(59332\)/);
  await page.getByRole("table", { name: /^Tableau compilé : \d+ valeurs pour Lannoy, d’après 3 fichiers/ }).waitFor();
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  assert.deepEqual(await medians(page), EXPECTED);

  // The EPCI as the territory: these files give one row per commune, none for the EPCI; said.
  await page.getByRole("button", { name: /^Choisir l’intercommunalité Métropole Européenne de Lille/ }).click();
  await list.getByText(/^Ce fichier donne une ligne par commune : il n’a pas de ligne pour l’intercommunalité Métropole Européenne de Lille/).first().waitFor();
  assert.equal(await page.locator("#compiled-caption").count(), 0);
  await page.getByRole("button", { name: /^Choisir la commune de Sailly-lez-Lannoy/ }).click();
  assert.deepEqual(await medians(page), EXPECTED);

  // The median over the three years, as a line (proposed: the dossier has several years).
  await act(() => carnet.chooseIndicator("MED21"));
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("en 2021"));
  const alt = await page.locator("#chart-alt").innerText();
  assert.match(alt, new RegExp(`28${NNBSP}570\u00a0€ en 2019, 29${NNBSP}440\u00a0€ en 2020, 29${NNBSP}860\u00a0€ en 2021`));
  assert.match(alt, /Source : Insee, Filosofi 2019 ; Insee, Filosofi 2020 ; Insee, Filosofi 2021\.$/);

  // Kept in the dossier's charts, with a second one.
  const gallery = page.getByRole("region", { name: /^Les graphiques du dossier/ });
  await gallery.getByRole("button", { name: "Ajouter ce graphique au dossier" }).click();
  await carnet.chooseIndicator("PIMP21");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("Part des ménages fiscaux imposés"));
  await gallery.getByRole("button", { name: "Ajouter ce graphique au dossier" }).click();
  await gallery.getByRole("heading", { name: "Les graphiques du dossier : 2 graphiques" }).waitFor();
  await carnet.chooseIndicator("MED21");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("en 2021"));

  // Publier: the ZIP holds the tidy table of the three years and each source's rows.
  await act(() => page.getByRole("button", { name: "Publier", exact: true }).click());
  const form = page.getByRole("form", { name: "Le jeu de données" });
  assert.equal(await form.getByLabel("Début").inputValue(), "2019-01-01");
  assert.equal(await form.getByLabel("Fin").inputValue(), "2021-12-31");
  await form.getByLabel("Producteur").fill("Mairie de Sailly-lez-Lannoy");
  actions += 1;
  const zip = await act(() => carnet.download("Télécharger tout (ZIP)"));
  assert.ok(actions <= 12, `${actions} actions from an empty page to the ZIP`);
  const dir = mkdtempSync(join(tmpdir(), "carnet-dossier-"));
  writeFileSync(join(dir, zip.name), zip.bytes);
  execFileSync("python3", ["-m", "zipfile", "-e", zip.name, "kit"], { cwd: dir });
  const kit = join(dir, "kit");
  const files = readdirSync(kit).sort();
  for (const f of ["dossier_59522_2019-2021.csv", "cc_filosofi_2019_COM_59522.csv", "cc_filosofi_2020_COM_59522.csv",
    "cc_filosofi_2021_COM_59522.csv", "README.md", "datagouv.json", "datapackage.json", "schema.json"]) {
    assert.ok(files.includes(f), `${f} in ${files}`);
  }
  // Each chart kept: its image and its sheet, with the fields of its réutilisation.
  for (const n of [1, 2]) {
    const png = readFileSync(join(kit, `graphique_dossier_${n}.png`));
    assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
    assert.ok(png.readUInt32BE(16) >= 1600, `PNG at twice 800 px: ${png.readUInt32BE(16)}`);
  }
  const svg = readFileSync(join(kit, "graphique_dossier_1.svg"), "utf8");
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.includes("29") && !svg.includes("<script"), "the SVG holds the chart and no script");
  // Its standalone page: the chart, its source and its data, with no outside script.
  const html = readFileSync(join(kit, "graphique_dossier_1.html"), "utf8");
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.ok(html.includes(`29${NNBSP}860`) && html.includes("Insee, Filosofi 2021"), "the page holds the data and the source");
  assert.ok(!/<script[^>]+src=/i.test(html), "no outside script");
  const sheet = readFileSync(join(kit, "graphique_dossier_1.md"), "utf8");
  assert.match(sheet, /^# Graphique 1 : /);
  assert.match(sheet, new RegExp(`28${NNBSP}570\u00a0€ en 2019, 29${NNBSP}440\u00a0€ en 2020, 29${NNBSP}860\u00a0€ en 2021`));
  assert.match(sheet, /- \*\*Type\*\* : Visualisation/);
  assert.match(sheet, /- \*\*Image\*\* : `graphique_dossier_1\.png`/);
  const tidy = readFileSync(join(kit, "dossier_59522_2019-2021.csv"), "utf8");
  for (const line of ["2019,28570,", "2020,29440,", "2021,29860,"].map((l) => `MED,Médiane du niveau de vie (€),${l}€,`)) {
    assert.ok(tidy.includes(`59522,Sailly-lez-Lannoy,${line}`), `${line} in the tidy CSV`);
  }
  const api = JSON.parse(readFileSync(join(kit, "datagouv.json"), "utf8"));
  assert.deepEqual(api.dataset.temporal_coverage, { start: "2019-01-01", end: "2021-12-31" });
  const readme = readFileSync(join(kit, "README.md"), "utf8");
  for (const year of [2019, 2020, 2021]) assert.match(readme, new RegExp(`  - Insee, Filosofi ${year}, fichier `));
  execFileSync("python3", [join(ROOT, "tests", "validators", "datagouv.py"), join(kit, "datagouv.json")]);
  try {
    execFileSync("frictionless", ["validate", "datapackage.json"], { cwd: kit, encoding: "utf8" });
  } catch (e) {
    if (e.code !== "ENOENT" || process.env.CARNET_REQUIRE_FRICTIONLESS) assert.fail(`frictionless: ${e.stdout ?? e.message}`);
  }

  // A reload: the files, the commune, the chart and the fields are back.
  await page.reload();
  await page.getByRole("heading", { name: "Le dossier : 3 fichiers" }).waitFor({ timeout: 60_000 });
  assert.deepEqual(await medians(page), EXPECTED);
  assert.equal(await carnet.commune.inputValue(), "Sailly-lez-Lannoy (59522)");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("29\u202f860\u00a0€ en 2021"));
  assert.equal(await page.getByLabel("Indicateur à représenter").inputValue(), "MED21");
  await gallery.getByRole("heading", { name: "Les graphiques du dossier : 2 graphiques" }).waitFor();
  await gallery.getByRole("button", { name: /^Afficher « Part des ménages fiscaux imposés/ }).click();
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("Part des ménages fiscaux imposés"));
  await carnet.screenshot("a1-dossier-sources", ".sources");
  await carnet.screenshot("a1-dossier-graphiques", ".gallery");
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  assert.equal(await form.getByLabel("Producteur").inputValue(), "Mairie de Sailly-lez-Lannoy");
  await carnet.screenshot("a1-dossier-recharge");

  // Exported as one file, for a colleague.
  const exported = await carnet.download("Exporter le dossier (un fichier ZIP à transmettre)");
  assert.match(exported.name, /^dossier_carnet_\d{4}-\d{2}-\d{2}\.zip$/);
  const dossierPath = join(dir, exported.name);
  writeFileSync(dossierPath, exported.bytes);

  // Oublier ce dossier: asked once, then the page starts empty and the device keeps nothing.
  await list.getByRole("button", { name: "Oublier ce dossier" }).click();
  await Promise.all([
    page.waitForEvent("load"),
    list.getByRole("button", { name: "Oui, oublier ce dossier" }).click(),
  ]);
  await page.getByRole("heading", { name: "Carnet", level: 1 }).waitFor();
  await page.getByLabel(/^Fichiers à ouvrir/).waitFor();
  assert.equal(await page.getByRole("region", { name: /^Le dossier : / }).count(), 0);
  const kept = await page.evaluate(() => window.carnetStore.load());
  assert.deepEqual(kept, { state: null, files: [] });
  await carnet.screenshot("a2-dossier-oublie");

  // The colleague opens the exported file: the same dossier, charts and fields included.
  await Promise.all([
    page.waitForEvent("load"),
    page.getByLabel("Dossier Carnet exporté (facultatif)").setInputFiles(dossierPath),
  ]);
  await page.getByRole("heading", { name: "Le dossier : 3 fichiers" }).waitFor({ timeout: 60_000 });
  assert.deepEqual(await medians(page), EXPECTED);
  await gallery.getByRole("heading", { name: "Les graphiques du dossier : 2 graphiques" }).waitFor();
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  assert.equal(await form.getByLabel("Producteur").inputValue(), "Mairie de Sailly-lez-Lannoy");
  // Not a dossier: said in French, the dossier untouched.
  await page.getByLabel("Dossier Carnet exporté (facultatif)").setInputFiles(Y2019);
  await page.getByText("Ce dossier ne peut pas être ouvert : ce n’est pas un fichier ZIP, ou il est abîmé. Le dossier en cours n’est pas touché.").waitFor();
  await page.getByRole("heading", { name: "Le dossier : 3 fichiers" }).waitFor();
  assertClean(carnet);
  await page.context().close();
});

test("Next year: the dossier's recipe expects its series, takes this year's files and redraws its chart", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  const list = page.getByRole("region", { name: /^Le dossier : / });
  const gallery = page.getByRole("region", { name: /^Les graphiques du dossier/ });
  // Last year's dossier: 2019 and 2020, the commune, a line of the median kept.
  await carnet.upload([Y2019, Y2020]);
  await page.getByRole("heading", { name: "Le dossier : 2 fichiers" }).waitFor({ timeout: 60_000 });
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.chooseIndicator("MED20");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("en 2020"));
  await gallery.getByRole("button", { name: "Ajouter ce graphique au dossier" }).click();
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await page.getByRole("form", { name: "Le jeu de données" }).getByLabel("Producteur").fill("Mairie de Sailly-lez-Lannoy");
  const saved = await carnet.download("Télécharger la recette (carnet.json)");
  const recipe = JSON.parse(saved.text);
  assert.equal(recipe.version, 2);
  assert.deepEqual(recipe.sources.map((s) => s.file_name), ["cc_filosofi_2019_COM.CSV", "cc_filosofi_2020_COM.csv"]);
  assert.equal(recipe.charts.length, 1);
  assert.equal(recipe.charts[0].drawn, null, "the recipe carries no data");
  assert.ok(!saved.text.includes("29440"), "no value of the dossier in its recipe");
  const dir = mkdtempSync(join(tmpdir(), "carnet-recette-"));
  const path = join(dir, "dossier_sailly.json");
  writeFileSync(path, saved.bytes);

  // This year: a new dossier, the recipe opened first: it says what it waits for.
  await list.getByRole("button", { name: "Oublier ce dossier" }).click();
  await Promise.all([page.waitForEvent("load"), list.getByRole("button", { name: "Oui, oublier ce dossier" }).click()]);
  await page.getByLabel("Recette Carnet (facultatif)").setInputFiles(path);
  await page.getByText("La recette attend : « cc_filosofi_2020_COM.csv » (ou le même fichier d’une autre année).").waitFor();
  await gallery.getByRole("heading", { name: "Les graphiques du dossier : 1 graphique" }).waitFor();
  // This year's two vintages: each said against the recipe's, the commune back by itself.
  await carnet.upload([Y2020, Y2021]);
  await page.getByRole("heading", { name: "Le dossier : 2 fichiers" }).waitFor({ timeout: 60_000 });
  await page.getByText(/^La recette attend/).waitFor({ state: "detached" });
  assert.equal(await carnet.commune.inputValue(), "Sailly-lez-Lannoy (59522)");
  const card = (name) => list.getByRole("listitem").filter({ hasText: `${name} —` });
  await card("cc_filosofi_2020_COM.csv").getByText("Fichier attendu par la recette : mêmes colonnes.").waitFor();
  await card("cc_filosofi_2021_COM.csv").getByText(/^Fait suite à « cc_filosofi_2020_COM\.csv » : même variable, autre millésime : /).waitFor();
  await page.getByRole("table", { name: /^Tableau compilé : \d+ valeurs pour Sailly-lez-Lannoy, d’après 2 fichiers/ }).waitFor({ timeout: 60_000 });
  await carnet.screenshot("a7-recette-dossier", ".sources");

  // The chart kept last year is drawn from this year's dossier: 2020 and 2021.
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  assert.equal(await page.getByRole("form", { name: "Le jeu de données" }).getByLabel("Producteur").inputValue(), "Mairie de Sailly-lez-Lannoy");
  const zip = await carnet.download("Télécharger tout (ZIP)");
  writeFileSync(join(dir, zip.name), zip.bytes);
  execFileSync("python3", ["-m", "zipfile", "-e", zip.name, "kit"], { cwd: dir });
  const sheet = readFileSync(join(dir, "kit", "graphique_dossier_1.md"), "utf8");
  assert.match(sheet, new RegExp(`29${NNBSP}440\u00a0€ en 2020, 29${NNBSP}860\u00a0€ en 2021`), sheet);
  assert.ok(readFileSync(join(dir, "kit", "graphique_dossier_1.png")).length > 1000);
  assertClean(carnet);
  await page.context().close();
});

test("A file that cannot serve is listed with its reason and blocks nothing", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  const notes = { name: "notes.csv", mimeType: "text/csv", buffer: Buffer.from("titre;valeur\nun;1\ndeux;2\n") };
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  const file = (path) => ({ name: path.split("/").pop(), mimeType: "text/csv", buffer: readFileSync(path) });
  await carnet.upload([file(Y2019), notes, file(Y2020)]);
  await page.getByRole("heading", { name: "Le dossier : 3 fichiers" }).waitFor({ timeout: 60_000 });
  const list = page.getByRole("region", { name: /^Le dossier : / });
  await list.getByText(/^Ne peut pas servir : aucune colonne ne contient de codes de communes/).waitFor();
  await page.getByRole("table", { name: /^Tableau compilé : \d+ valeurs pour Sailly-lez-Lannoy, d’après 2 fichiers/ }).waitFor();
  // Removed, it leaves the list; the others stay.
  await list.getByRole("button", { name: "Retirer notes.csv du dossier" }).click();
  await page.getByRole("heading", { name: "Le dossier : 2 fichiers" }).waitFor();
  // Shown again, the 2019 file's rows come back under its own name.
  await page.getByRole("button", { name: "Afficher cc_filosofi_2019_COM.CSV" }).click();
  await page.getByLabel("Indicateur à représenter").locator('option[value="MED19"]').waitFor({ state: "attached" });
  await list.locator("li.current", { hasText: "Insee, Filosofi 2019" }).waitFor();
  // The same vintage twice (downloaded again): asked which to keep, each value once meanwhile.
  await carnet.upload({ ...file(Y2020), name: "cc_filosofi_2020_COM (1).csv" });
  const overlap = page.getByRole("group", { name: "Doublon : cc_filosofi_2020_COM.csv et cc_filosofi_2020_COM (1).csv" });
  await overlap.waitFor();
  assert.match(await overlap.innerText(), /donnent les mêmes indicateurs pour 2020 \(\d+ valeurs, toutes identiques\)/);
  assert.deepEqual(await medians(page), [`2019 28${NNBSP}570`, `2020 29${NNBSP}440`], "MED 2020 once");
  await carnet.screenshot("a3-dossier-doublon");
  await overlap.getByRole("button", { name: "Garder « cc_filosofi_2020_COM.csv »" }).click();
  await page.getByRole("heading", { name: "Le dossier : 2 fichiers" }).waitFor();
  assert.equal(await overlap.count(), 0);
  await carnet.screenshot("a4-dossier-fichier-inutile");

  // An indicator named for the whole dossier: both vintages follow; cancelled, MED is back.
  const naming = page.getByRole("group", { name: "Nommer les indicateurs du dossier" });
  await naming.getByLabel("Indicateur ou millésime").selectOption({ label: "MED (MED19, MED20)" });
  await naming.getByLabel("Nouveau nom").fill("mediane_niveau_vie");
  await naming.getByRole("button", { name: "Nommer" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll("#compiled-caption ~ tbody tr")].some((r) => r.innerText.includes("mediane_niveau_vie")));
  const named = (await page.locator("#compiled-caption ~ tbody tr").allInnerTexts()).filter((t) => t.includes("\tmediane_niveau_vie\t"));
  assert.deepEqual(named.map((t) => t.split("\t")[4]), ["2019", "2020"]);
  await carnet.screenshot("a5-dossier-noms", ".compiled");
  assert.equal(await naming.getByLabel("Indicateur ou millésime").inputValue(), "mediane_niveau_vie", "the choice follows its new name");
  // On a phone: the list, the choices and the naming form fit, with no horizontal scroll.
  await page.setViewportSize({ width: 360, height: 800 });
  await carnet.screenshot("a6-dossier-telephone", ".sources");
  await carnet.screenshot("a6-noms-telephone", ".naming");
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "no horizontal scroll at 360 px");
  await page.setViewportSize({ width: 1280, height: 900 });
  await naming.getByRole("button", { name: "Annuler le nom « mediane_niveau_vie » donné à MED" }).click();
  await page.waitForFunction(() => [...document.querySelectorAll("#compiled-caption ~ tbody tr")].some((r) => r.innerText.includes("\tMED\t")));
  assert.deepEqual(await medians(page, 2), [`2019 28${NNBSP}570`, `2020 29${NNBSP}440`]);
  // Replaced: the 2020 file by the same data under another name; the dossier keeps two files.
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    list.getByRole("button", { name: "Remplacer cc_filosofi_2020_COM.csv par un autre fichier" }).click(),
  ]);
  await chooser.setFiles({ ...file(Y2020), name: "filosofi_2020_bis.csv" });
  await list.getByText(/^filosofi_2020_bis\.csv — une ligne par commune/).waitFor();
  assert.equal(await list.getByText(/^cc_filosofi_2020_COM\.csv — /).count(), 0);
  await page.getByRole("heading", { name: "Le dossier : 2 fichiers" }).waitFor();
  assertClean(carnet);
  await page.context().close();
});
