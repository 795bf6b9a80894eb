// Carnet in a real browser: the release build, served on loopback, driven like a person would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { assertClean, ROOT, useApp } from "./harness.mjs";
import { badFiles, cafLike, hugeFileOnDisk, national, uglyFiles } from "./fixtures.mjs";
import { tmpdir } from "node:os";
import { rmSync } from "node:fs";

const root = ROOT;
const FILOSOFI_2020 = join(TEST_DATA, "cc_filosofi_2020_COM.csv");
const NNBSP = "\u202f";

const app = useApp();

test("the whole journey with Filosofi 2020: file → commune → chart → downloads", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.screenshot("01-accueil");

  await carnet.upload(FILOSOFI_2020);
  await carnet.waitDetected();
  assert.equal(
    await carnet.summary(),
    `Encodage : UTF-8 · Séparateur : point-virgule · Décimale : virgule · En-tête : ligne 1 · 34${NNBSP}929 lignes, 28 colonnes`,
  );
  assert.match(await carnet.detected.innerText(), /cellules sous secret statistique/);
  const preview = page.getByRole("table", { name: /Aperçu/ });
  assert.equal(await preview.locator("tbody tr").count(), 20);
  assert.equal(await preview.locator("tbody tr").first().locator("td").first().innerText(), "01001");
  await carnet.screenshot("02-fichier-lu");

  await carnet.pickCommune("Sailly", /Sailly-lez-Lannoy \(59522\)/);
  const rows = page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ });
  await rows.waitFor();
  const cell = (name) => rows.getByRole("row", { name: new RegExp(`^${name}\\b`) }).locator("td").first();
  assert.equal(await cell("MED20").innerText(), `29${NNBSP}440`);
  assert.equal(await cell("NBPERSMENFISC20").innerText(), `1${NNBSP}995`);
  assert.equal(await cell("PIMP20").innerText(), "secret");
  assert.equal(await cell("CODGEO").innerText(), "59522");

  await carnet.chooseIndicator("MED20");
  const chart = page.locator(".chart canvas");
  await chart.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector(".chart");
    const c = el && window.echarts.getInstanceByDom(el);
    return c && c.getOption().series[0].data[0].value === 29440;
  });
  const drawn = await page.evaluate(() => {
    const canvas = document.querySelector(".chart canvas");
    const ctx = canvas.getContext("2d");
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
    return { width: canvas.width, ink };
  });
  assert.ok(drawn.width > 300 && drawn.ink > 1000, `chart not drawn: ${JSON.stringify(drawn)}`);
  const axis = await page.evaluate(() => {
    const c = window.echarts.getInstanceByDom(document.querySelector(".chart"));
    return c.getOption().yAxis[0].axisLabel.formatter(29440);
  });
  assert.equal(axis, `29${NNBSP}440\u00a0€`, "the unit the built-in label gives");
  const source = await page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector(".chart")).getOption().title[1].text);
  assert.equal(source, "Source : Insee, Filosofi 2020");
  await page.locator('.chart[data-rendered="true"]').waitFor();
  assert.equal(await page.locator("#chart-alt").innerText(), `Médiane du niveau de vie (€) en 2020 à Sailly-lez-Lannoy : 29${NNBSP}440\u00a0€. Source : Insee, Filosofi 2020.`);
  await carnet.screenshot("03-commune-et-graphique");
  // The ranking among the communes of the EPCI, with its text alternative and data table.
  await page.getByLabel("Type de graphique").selectOption({ label: "Classement des communes de la Métropole Européenne de Lille" });
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.includes("se classe"));
  const alt = await page.locator("#chart-alt").innerText();
  assert.match(alt, /^Sailly-lez-Lannoy se classe \d+e sur \d+ communes de la Métropole Européenne de Lille pour Médiane du niveau de vie \(€\) en 2020 \(29\u202f440\u00a0€\)\./);
  await page.getByText("Voir les données du graphique").click();
  const ranked = await page.getByRole("table", { name: "Données du graphique : Médiane du niveau de vie (€) en 2020" }).locator("tbody tr").count();
  assert.ok(ranked >= 80, `${ranked} communes ranked`);
  await page.locator('.chart[data-rendered="true"]').waitFor();
  await carnet.screenshot("03b-classement-epci");

  const csv = await carnet.download(/Télécharger le CSV/);
  assert.equal(csv.name, "cc_filosofi_2020_COM_59522.csv");
  const lines = csv.text.trimEnd().split("\n");
  assert.equal(lines.length, 2);
  assert.ok(lines[0].startsWith("CODGEO,NBMENFISC20,NBPERSMENFISC20,MED20,PIMP20,"));
  assert.equal(lines[1], "59522,765,1995,29440,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s,s");

  assertClean(carnet);
  await page.context().close();
});

test("a Windows-1252 CAF extract with a title row reads right", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  await carnet.upload(cafLike());
  await carnet.waitDetected();
  assert.equal(
    await carnet.summary(),
    "Encodage : Windows-1252 · Séparateur : point-virgule · Décimale : virgule · En-tête : ligne 2 · 4 lignes, 4 colonnes",
  );
  assert.match(await carnet.detected.innerText(), /Au-dessus de l’en-tête, ignoré : « Allocataires CAF au 31 décembre 2022 »/);
  const preview = carnet.page.getByRole("table", { name: /Aperçu/ });
  // A wrong correction shows at once, and is undone as easily.
  await carnet.correct("Séparateur", "virgule");
  assert.match(await carnet.summary(), /Séparateur : virgule/);
  assert.match(await carnet.detected.innerText(), /lignes? mises? de côté/);
  await carnet.correct("Séparateur", "point-virgule");
  // UTF-8 chosen by mistake: the accents still read, as Windows-1252 bytes in UTF-8.
  await carnet.correct("Encodage", "UTF-8");
  assert.ok((await preview.innerText()).includes("Saint-Étienne"));
  await carnet.correct("Encodage", "Windows-1252");
  await carnet.detected.getByLabel("Ligne d’en-tête").fill("1");
  await carnet.detected.getByLabel("Ligne d’en-tête").press("Enter");
  await carnet.page.waitForFunction(() => document.querySelector(".detected .summary")?.innerText.includes("En-tête : ligne 1"));
  await carnet.screenshot("04a-correction-en-tete");
  await carnet.page.getByRole("button", { name: "Revenir à la détection automatique" }).click();
  await carnet.page.waitForFunction(() => document.querySelector(".detected .summary")?.innerText.includes("En-tête : ligne 2"));
  const text = await preview.innerText();
  assert.ok(text.includes("Saint-Étienne"), text);
  assert.ok(text.includes("2A004"), text);
  assert.ok(text.includes("16,4"), text);
  await carnet.pickCommune("59390", /Sailly-lez-Lannoy/);
  const csv = await carnet.download(/Télécharger le CSV/);
  assert.equal(csv.text, "Communes,Codes_Insee,NB_allocataires,Part_alloc\nSailly-lez-Lannoy,59522,312,16.4\n");
  await carnet.screenshot("04-caf-windows-1252");
  assertClean(carnet);
  await carnet.page.context().close();
});

test("bad files get a clear French message naming the file and the place", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const cases = [
    ["empty", /« vide\.csv » est vide/],
    ["binary", /« photo\.csv » est une image PNG, pas un tableau de données/],
    ["zip", /« filosofi_2020\.csv » se présente comme une archive ZIP, mais il est abîmé ou incomplet/],
    ["headerOnly", /« entete\.csv » n’a pas de données : son en-tête \(ligne 1\)/],
  ];
  for (const [key, message] of cases) {
    await carnet.upload(badFiles[key]);
    await carnet.page.getByRole("alert").filter({ hasText: message }).waitFor({ timeout: 10_000 });
    await carnet.screenshot(`05-mauvais-fichier-${key}`);
  }
  // Ragged rows are read around, and set aside with their line and reason.
  await carnet.upload(badFiles.ragged);
  await carnet.waitDetected();
  const setAside = carnet.page.getByRole("alert").filter({ hasText: "mises de côté" });
  const text = await setAside.innerText();
  assert.match(text, /2 lignes mises de côté, rien n’est perdu/);
  assert.match(text, /Ligne 3 : 2 colonnes au lieu de 3/);
  assert.match(text, /Ligne 4 : 4 colonnes au lieu de 3/);
  assert.ok((await carnet.summary()).includes("2 lignes, 3 colonnes"));
  const [setAsideDownload] = await Promise.all([
    carnet.page.waitForEvent("download"),
    carnet.page.getByRole("button", { name: "Télécharger les lignes mises de côté (CSV)" }).click(),
  ]);
  assert.equal(setAsideDownload.suggestedFilename(), "decale_lignes_mises_de_cote.csv");
  await carnet.screenshot("06-lignes-decalees");
  assertClean(carnet);
  await carnet.page.context().close();
});

test("a national file is read in the worker with a progress bar while the page stays responsive", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.upload(national());
  await page.getByRole("progressbar", { name: "Progression de la lecture" }).waitFor({ timeout: 10_000 });
  // The page answers while the worker parses.
  await carnet.commune.fill("Sailly");
  await page.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).waitFor();
  await carnet.screenshot("07-lecture-en-cours");
  await carnet.waitDetected();
  const summary = await carnet.summary();
  assert.ok(summary.includes(`Encodage : Windows-1252 · Séparateur : point-virgule · Décimale : virgule`), summary);
  assert.ok(summary.includes(`35${NNBSP}000 lignes, 100 colonnes`), summary);
  await page.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).click();
  await page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).waitFor();
  assertClean(carnet);
  await page.context().close();
});

test("a large file dropped first shows what its head says at once, while the rest is read", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [join(root, "tests", "browser", "generate.js")] });
  const page = carnet.page;
  await pick(page, "window.carnetBench.huge(200)"); // 200 MB, no commune picked: read whole
  // « Format détecté » and the preview from the file's first lines, the progress bar still running.
  await page.locator('section.detected[aria-busy="true"]').waitFor({ timeout: 20_000 });
  assert.equal(await page.getByRole("progressbar", { name: "Progression de la lecture" }).count(), 1);
  assert.match(
    await carnet.summary(),
    /^Encodage : Windows-1252 · Séparateur : point-virgule · Décimale : virgule · En-tête : ligne 1 · lignes en cours de lecture, 100 colonnes$/,
  );
  await page.getByRole("table", { name: "Aperçu : les 20 premières lignes" }).waitFor();
  await carnet.screenshot("07b-format-detecte-en-lecture");
  // The territory can be chosen meanwhile; the whole file then says its rows.
  await carnet.commune.fill("Sailly");
  await page.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).waitFor();
  await carnet.waitDetected();
  assert.match(await carnet.summary(), /En-tête : ligne 1 · [\d\u202f]+ lignes, 100 colonnes$/);
  const [glimpsed, loaded] = await page.evaluate(() =>
    ["carnet:glimpsed", "carnet:loaded"].map((m) => performance.getEntriesByName(m).at(-1)?.startTime),
  );
  assert.ok(glimpsed < loaded, `glimpse at ${glimpsed} ms, file read at ${loaded} ms`);
  assertClean(carnet);
  await page.context().close();
});

/** Puts a file made in the page into the file input, as a drop would. */
async function pick(page, make) {
  await page.evaluate((make) => {
    const file = eval(make);
    const input = document.getElementById("file-input");
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, make);
}

test("a 1 GB file streams for the picked commune, never held whole", async () => {
  const huge = hugeFileOnDisk(join(tmpdir(), "base_cc_tres_gros.csv"), 1024);
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  try {
    // No commune yet: the page says what to do instead of freezing or running out of memory.
    await carnet.upload(huge.path);
    await page.getByRole("alert").filter({ hasText: /fait [\d\u202f,]+ (Mo|Go) : trop pour être lu en entier.*Choisissez d’abord la commune/s }).waitFor();
    await carnet.screenshot("08-tres-gros-sans-commune");
    // Picking the commune reads it by chunks, keeping its row.
    await carnet.pickCommune("Sailly", /Sailly-lez-Lannoy \(59522\)/);
    await page.getByRole("progressbar", { name: "Progression de la lecture" }).waitFor();
    await carnet.screenshot("09-tres-gros-lecture");
    const rows = page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ });
    await rows.waitFor({ timeout: 180_000 });
    const summary = await carnet.summary();
    assert.match(summary, /Encodage : Windows-1252 · Séparateur : point-virgule · Décimale : virgule · En-tête : ligne 1 · [\d\u202f]+ lignes, 100 colonnes/);
    const counted = Number(summary.match(/ligne 1 · ([\d\u202f]+) lignes/)[1].replace(/\u202f/g, ""));
    assert.equal(counted, huge.rows);
    const memory = Number(await page.locator(".timings").getAttribute("data-memory"));
    assert.ok(memory < 300e6, `worker memory ${memory} bytes`);
    await carnet.screenshot("10-tres-gros-commune");
    // Too large to keep on the device: said, and only its name is kept.
    await page.getByText("Trop volumineux pour être gardé sur cet appareil : il faudra le rouvrir après un rechargement de la page.").waitFor();
    const kept = await page.evaluate(async () => (await window.carnetStore.load()).files.length);
    assert.equal(kept, 0);
    // Another commune, outside the one read for: the file streams again for it.
    await carnet.pickCommune("02001", /Abbécourt \(02001\)/);
    await page.getByRole("table", { name: /Abbécourt \(02001\) : [\d\u202f]+ lignes/ }).waitFor({ timeout: 180_000 });
    assert.equal(await page.getByRole("heading", { name: "Le dossier : 1 fichier" }).count(), 1);
    assertClean(carnet);
  } finally {
    await page.context().close();
    rmSync(huge.path, { force: true });
  }
});

test("a long read can be cancelled", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [join(root, "tests", "browser", "generate.js")] });
  const page = carnet.page;
  await page.evaluate(() => {
    // Cancel as soon as the progress bar shows.
    new MutationObserver((_, observer) => {
      const cancel = [...document.querySelectorAll("button")].find((b) => b.textContent === "Annuler la lecture");
      if (cancel) {
        observer.disconnect();
        cancel.click();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await pick(page, "window.carnetBench.huge(200)"); // 200 MB, read whole: no commune picked
  await page.getByRole("status").filter({ hasText: "Lecture de « base_cc_tres_gros.csv » annulée." }).waitFor();
  assert.equal(await carnet.detected.count(), 0);
  assertClean(carnet);
  await page.context().close();
});

test("files re-saved by people are read right and say what was done", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  const preview = page.getByRole("table", { name: /Aperçu/ });
  const expectations = [
    ["excelUnicode", "Encodage : UTF-16 LE · Séparateur : tabulation · Décimale : aucune (nombres entiers) · En-tête : ligne 1 · 2 lignes, 3 colonnes", ["76\u202f320", "2A004"]],
    ["mixed", "Encodage : UTF-8 mêlé de Windows-1252 · Séparateur : point-virgule", ["Saint-Étienne", "Lille-Hellemmes Écart"]],
    ["unclosedQuote", "En-tête : ligne 1 · 2 lignes, 2 colonnes", ["59522", "2A004"]],
    ["observatoire", "Encodage : Windows-1252 · Séparateur : point-virgule · Décimale : virgule · En-tête : ligne 4 · 3 lignes, 4 colonnes", ["01001", "28,4", "n.d."]],
  ];
  for (const [key, summary, cells] of expectations) {
    await carnet.upload(uglyFiles[key]);
    await page.waitForFunction((file) => document.querySelector(".detected .hint")?.textContent.includes(file), uglyFiles[key].name);
    assert.ok((await carnet.summary()).includes(summary), `${key}: ${await carnet.summary()}`);
    const text = await preview.innerText();
    for (const cell of cells) assert.ok(text.includes(cell), `${key}: ${cell} missing from ${text}`);
    await carnet.screenshot(`11-fichier-${key}`);
  }
  // What was done is said: the mixed lines, the quote set aside, the repaired codes.
  await carnet.upload(uglyFiles.mixed);
  await page.waitForFunction(() => document.querySelector(".detected .hint")?.textContent.includes("colle.csv"));
  assert.match(await carnet.detected.innerText(), /certaines lignes sont en Windows-1252 \(ligne 3\)/);
  await carnet.upload(uglyFiles.unclosedQuote);
  await page.waitForFunction(() => document.querySelector(".detected .hint")?.textContent.includes("guillemet.csv"));
  assert.match(await carnet.detected.innerText(), /Ligne 2 : guillemet ouvert jamais fermé/);
  await carnet.upload(uglyFiles.observatoire);
  await page.waitForFunction(() => document.querySelector(".detected .hint")?.textContent.includes("observatoire.csv"));
  assert.match(await carnet.detected.innerText(), /codgeo : 1 code sans son zéro initial, rétabli/);
  assertClean(carnet);
  await page.context().close();
});

test("a 200 MB file of a single line gets a clear message, not a frozen tab", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await pick(page, "new File([new Uint8Array(200e6).fill(97)], 'une_ligne.csv')");
  await page.getByRole("alert").filter({ hasText: /« une_ligne\.csv » n’a pas de données : son en-tête \(ligne 1\)/ }).waitFor({ timeout: 60_000 });
  await carnet.screenshot("12-une-seule-ligne");
  assertClean(carnet);
  await page.context().close();
});

test("Publier: the form checks each field, foresees 9/9, and its ZIP passes frictionless and udata's rules", async () => {
  const { mkdtempSync, writeFileSync, readFileSync, readdirSync } = await import("node:fs");
  const { execFileSync } = await import("node:child_process");
  const carnet = await CarnetPage.open(app.browser, app.url, { permissions: ["clipboard-read", "clipboard-write"] });
  const page = carnet.page;
  await carnet.showSailly(FILOSOFI_2020);
  // The 2019 dictionary labels the 2020 columns (MED19 → MED20).
  await page.getByLabel("Dictionnaire des variables (facultatif)").setInputFiles(join(TEST_DATA, "meta_cc_filosofi_2019_COM.CSV"));
  await page.getByText(/Dictionnaire « meta_cc_filosofi_2019_COM\.CSV » : \d+ variables décrites\./).waitFor();
  await page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).waitFor();
  await carnet.chooseIndicator("MED20");
  await page.locator('.chart[data-rendered="true"]').waitFor();

  await page.getByRole("button", { name: "Publier", exact: true }).click();
  const form = page.getByRole("form", { name: "Le jeu de données" });
  assert.equal(await form.getByLabel("Titre", { exact: true }).inputValue(), "Revenus, pauvreté et niveau de vie à Sailly-lez-Lannoy (2020)");
  assert.equal(await form.getByLabel("Licence").inputValue(), "lov2");
  assert.equal(await form.getByLabel("Fréquence de mise à jour").inputValue(), "annual");
  assert.equal(await form.getByLabel("Territoires").inputValue(), "fr:commune:59522");
  assert.equal(await form.getByLabel("Début").inputValue(), "2020-01-01");
  const description = await form.getByLabel("Description (Markdown)").inputValue();
  assert.match(description, /## Modèle des données/);
  assert.match(description, /\| `MED20` \| entier \| Médiane du niveau de vie \(€\) \| 29440 \|/);
  await page.getByRole("heading", { name: "Score de qualité prévu sur data.gouv.fr : 9 / 9" }).waitFor();

  // A bad tag is reported in French next to its field, and nothing can be downloaded.
  const tags = form.getByLabel("Mots-clés");
  await tags.fill("insee, Besoins sociaux, ab");
  await page.getByText("Le mot-clé « Besoins sociaux » serait enregistré « besoins-sociaux »").waitFor();
  await page.getByText("Le mot-clé « ab » doit compter de 3 à 96 caractères").waitFor();
  assert.equal(await tags.getAttribute("aria-invalid"), "true");
  assert.ok(await page.getByRole("button", { name: "Télécharger tout (ZIP)" }).isDisabled());
  await carnet.screenshot("20-publier-erreurs");
  await tags.fill("insee, besoins-sociaux, revenus");
  assert.equal(await tags.getAttribute("aria-invalid"), "false");
  // The description follows the fields until the user writes in it.
  await form.getByLabel("Producteur").fill("Mairie de Sailly-lez-Lannoy");
  await form.getByLabel("Adresse électronique ou site web").fill("mairie@sailly-lez-lannoy.fr");
  assert.match(await form.getByLabel("Description (Markdown)").inputValue(), /## Contact\n\nMairie de Sailly-lez-Lannoy — mairie@sailly-lez-lannoy\.fr/);

  // The guide copies a field's value.
  await page.getByRole("button", { name: "Copier : Titre" }).click();
  await page.getByText("« Titre » copié").first().waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "Revenus, pauvreté et niveau de vie à Sailly-lez-Lannoy (2020)");
  await carnet.screenshot("21-publier");

  const zip = await carnet.download("Télécharger tout (ZIP)");
  assert.equal(zip.name, "cc_filosofi_2020_COM_59522_datagouv.zip");
  const dir = mkdtempSync(join(tmpdir(), "carnet-kit-"));
  writeFileSync(join(dir, zip.name), zip.bytes);
  execFileSync("python3", ["-m", "zipfile", "-e", zip.name, "kit"], { cwd: dir });
  const kit = join(dir, "kit");
  assert.deepEqual(readdirSync(kit).sort(), [
    "README.md", "carnet.json", "cc_filosofi_2020_COM_59522.csv", "datagouv.json", "datapackage.json", "graphique_MED20.png", "schema.json",
  ]);
  const png = readFileSync(join(kit, "graphique_MED20.png"));
  assert.equal(png.subarray(1, 4).toString("latin1"), "PNG");
  assert.ok(png.readUInt32BE(16) >= 600, `PNG twice the chart's width: ${png.readUInt32BE(16)}`);
  const readme = readFileSync(join(kit, "README.md"), "utf8");
  assert.match(readme, /^# Revenus, pauvreté et niveau de vie à Sailly-lez-Lannoy \(2020\)/);
  assert.match(readme, /Mairie de Sailly-lez-Lannoy/);
  const api = JSON.parse(readFileSync(join(kit, "datagouv.json"), "utf8"));
  assert.deepEqual(api.dataset.tags, ["insee", "besoins-sociaux", "revenus"]);
  assert.equal(api.dataset.license, "lov2");
  assert.deepEqual(api.dataset.spatial, { zones: ["fr:commune:59522"], granularity: "fr:commune" });
  const recipe = JSON.parse(readFileSync(join(kit, "carnet.json"), "utf8"));
  assert.equal(recipe.territory, "59522");
  assert.equal(recipe.chart.column, "MED20");

  const udata = execFileSync("python3", [join(root, "tests", "validators", "datagouv.py"), join(kit, "datagouv.json")], { encoding: "utf8" });
  assert.match(udata, /datagouv\.json: valid/);
  let report;
  try {
    report = execFileSync("frictionless", ["validate", "datapackage.json"], { cwd: kit, encoding: "utf8" });
  } catch (e) {
    if (e.code === "ENOENT" && !process.env.CARNET_REQUIRE_FRICTIONLESS) return; // not installed here
    assert.fail(`frictionless: ${e.stdout ?? e.message}`);
  }
  assert.match(report, /\bvalid\b/i); // frictionless exits non-zero on an invalid package
  // One file alone, too.
  const schema = await carnet.download("Télécharger schema.json");
  const fields = JSON.parse(schema.text).fields;
  assert.equal(fields.find((f) => f.name === "CODGEO").constraints.pattern, "^(\\d{2}|2[AB])\\d{3}$");
  assert.equal(fields.find((f) => f.name === "MED20").title, "Médiane du niveau vie (€)");
  assert.equal(fields.find((f) => f.name === "NBMENFISC20").title, "Nombre de ménages fiscaux");
  rmSync(dir, { recursive: true, force: true });
  assertClean(carnet);
  await page.context().close();
});
