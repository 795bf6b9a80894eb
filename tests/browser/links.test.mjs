// Links into Carnet: `?src=` (a CSV or a recipe and its file, fetched after saying so, errors
// in French), a shared view reopened in a new browser, and a recipe saved and opened again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, symlinkSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { AXE, assertClean, axe, useApp } from "./harness.mjs";

const FILOSOFI = "cc_filosofi_2020_COM.csv";
// A folder as a commune's site would publish it: the data and a recipe beside it.
const published = mkdtempSync(join(tmpdir(), "carnet-links-"));
symlinkSync(join(TEST_DATA, FILOSOFI), join(published, FILOSOFI));
writeFileSync(join(published, "carnet.json"), JSON.stringify({
  format: "carnet", version: 1, file_name: FILOSOFI,
  read: { encoding: null, separator: null, header_line: null, decimal: null },
  territory: "59522", chart: { column: "MED20", kind: "Commune" }, publication: null,
}));
const app = useApp({ "/donnees/": published });

const saillyRows = (page) => page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ });

test("?src= says which address it will fetch, then opens the CSV from it", async () => {
  const carnet = await CarnetPage.open(app.browser, `${app.url}?src=donnees/${FILOSOFI}`, { initScripts: [AXE] });
  const page = carnet.page;
  const notice = page.getByRole("region", { name: "Ouvrir un fichier par lien" });
  await notice.waitFor();
  assert.match(await notice.innerText(), new RegExp(`${app.url}donnees/${FILOSOFI}`.replace(/[.?]/g, "\\$&")));
  assert.ok(!carnet.requests.some((u) => u.includes("/donnees/")), "nothing fetched before the user agrees");
  await carnet.screenshot("40-lien-src");
  await axe(carnet, "lien ?src=");
  await notice.getByRole("button", { name: "Ouvrir ce fichier" }).click();
  await carnet.waitDetected();
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  await saillyRows(page).waitFor();
  assertClean(carnet);
  await page.context().close();
});

test("?src= explains a missing file, a web page and a refused address in French", async () => {
  const elsewhere = app.url.replace("127.0.0.1", "localhost"); // another origin: refused
  for (const [src, message] of [
    [`${elsewhere}donnees/carnet.json`, /n’a pas pu télécharger « http:\/\/localhost:\d+\/donnees\/carnet\.json » : la connexion a échoué, ou le serveur n’autorise pas/],
    ["donnees/absent.csv", /« http:\/\/127\.0\.0\.1:\d+\/donnees\/absent\.csv » est introuvable sur son serveur \(erreur 404\)/],
    ["index.html", /mène à une page web, pas à un fichier CSV/],
  ]) {
    const carnet = await CarnetPage.open(app.browser, `${app.url}?src=${src}`);
    const page = carnet.page;
    await page.getByRole("button", { name: "Ouvrir ce fichier" }).click();
    await page.getByRole("alert").filter({ hasText: message }).waitFor();
    // The 404 and the refusal are logged by the browser; nothing else may be.
    carnet.problems = carnet.problems.filter((p) => !p.includes("404") && !p.includes("Content Security Policy") && !p.includes("Failed to fetch"));
    carnet.requests = carnet.requests.filter((u) => !u.startsWith(elsewhere));
    assertClean(carnet);
    await page.context().close();
  }
});

test("?src= a recipe: its file beside it is read for its commune, with its chart", async () => {
  const carnet = await CarnetPage.open(app.browser, `${app.url}?src=donnees/carnet.json`);
  const page = carnet.page;
  await page.getByRole("button", { name: "Ouvrir ce fichier" }).click();
  await saillyRows(page).waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("Médiane du niveau de vie (€) en 2020 à Sailly-lez-Lannoy"));
  assert.equal(await carnet.commune.inputValue(), "Sailly-lez-Lannoy (59522)");
  assertClean(carnet);
  await page.context().close();
});

test("a shared link reopened in a new browser restores the commune and the chart", async () => {
  const first = await CarnetPage.open(app.browser, app.url, { permissions: ["clipboard-read", "clipboard-write"] });
  await first.showSailly(join(TEST_DATA, FILOSOFI));
  await first.page.getByLabel("Type de graphique").selectOption({ label: "Classement des communes de la Métropole Européenne de Lille" });
  await first.page.getByRole("button", { name: "Copier le lien de cette vue" }).click();
  await first.page.getByText(/^Lien copié/).waitFor();
  const link = await first.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#carnet=[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 2000, `a link of ${link.length} characters`);
  assertClean(first);
  await first.page.context().close();

  const second = await CarnetPage.open(app.browser, link, { initScripts: [AXE] });
  const page = second.page;
  await page.getByText(/Ce lien restaure la commune 59522, le graphique de MED20\. Ouvrez le fichier « cc_filosofi_2020_COM\.csv »/).waitFor();
  await page.waitForFunction(() => document.getElementById("commune-input")?.value === "Sailly-lez-Lannoy (59522)");
  await second.upload(join(TEST_DATA, FILOSOFI));
  await saillyRows(page).waitFor();
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("Sailly-lez-Lannoy se classe"));
  assert.equal(await page.getByLabel("Indicateur à représenter").inputValue(), "MED20");
  await second.screenshot("41-lien-partage");
  await axe(second, "vue partagée");
  assertClean(second);
  await page.context().close();
});

test("a recipe saved, the page reloaded, the recipe and the file alone give the same rows and fields", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.upload(join(TEST_DATA, FILOSOFI));
  await saillyRows(page).waitFor();
  const rows = await saillyRows(page).innerText();
  await carnet.chooseIndicator("MED20");
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await page.getByRole("textbox", { name: "Titre", exact: true }).fill("Revenus à Sailly-lez-Lannoy en 2020");
  const saved = await carnet.download("Télécharger la recette (carnet.json)");
  const recipe = JSON.parse(saved.text);
  assert.equal(recipe.format, "carnet");
  assert.equal(recipe.publication.title, "Revenus à Sailly-lez-Lannoy en 2020");
  const path = join(published, "saved.json");
  writeFileSync(path, saved.bytes);

  // Next year: a new dossier (the device keeps this one until it is forgotten).
  await page.getByRole("button", { name: "Oublier ce dossier" }).click();
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Oui, oublier ce dossier" }).click()]);
  await page.getByLabel("Recette Carnet (facultatif)").setInputFiles(path);
  await page.getByText(/Recette « saved\.json » ouverte/).waitFor();
  await carnet.upload(join(TEST_DATA, FILOSOFI));
  await saillyRows(page).waitFor();
  assert.equal(await saillyRows(page).innerText(), rows);
  assert.equal(await page.getByLabel("Indicateur à représenter").inputValue(), "MED20");
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  assert.equal(await page.getByRole("textbox", { name: "Titre", exact: true }).inputValue(), "Revenus à Sailly-lez-Lannoy en 2020");
  const { column, kind } = JSON.parse(readFileSync(path, "utf8")).chart;
  assert.deepEqual({ column, kind }, { column: "MED20", kind: "Commune" });
  assertClean(carnet);
  await page.context().close();
});

test("a recipe made on 2020 replayed on another vintage maps MED20 to MED19 and says what changed", async () => {
  const Y2019 = join(TEST_DATA, "cc_filosofi_2019_COM.CSV");
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.showSailly(join(TEST_DATA, FILOSOFI));
  const panel = page.getByRole("region", { name: "Mise en forme du fichier publié" });
  await panel.getByRole("button", { name: "Ajouter une étape" }).click();
  await panel.getByRole("button", { name: "Noms de colonnes au format schema.data.gouv.fr" }).click();
  await panel.getByText(/^28 colonnes renommées/).waitFor();
  await panel.getByLabel("Colonne à renommer").selectOption("med20");
  await panel.getByLabel("Nouveau nom").fill("mediane_niveau_vie");
  await panel.getByRole("button", { name: "Renommer", exact: true }).click();
  await panel.getByText("1 colonne renommée : med20 → mediane_niveau_vie").waitFor();
  // Publication fields: a contact (any vintage) and a title naming 2020 (this vintage only).
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  const form = page.getByRole("form", { name: "Le jeu de données" });
  await form.getByLabel("Adresse électronique ou site web").fill("mairie@sailly-lez-lannoy.fr");
  await form.getByLabel("Licence").selectOption("odc-odbl");
  assert.match(await form.getByLabel("Titre", { exact: true }).inputValue(), /\(2020\)$/);
  const saved = await carnet.download("Télécharger la recette (carnet.json)");
  const path = join(published, "vintage.json");
  writeFileSync(path, saved.bytes);

  // Next year: a new dossier (the device keeps this one until it is forgotten).
  await page.getByRole("button", { name: "Oublier ce dossier" }).click();
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Oui, oublier ce dossier" }).click()]);
  await page.getByLabel("Recette Carnet (facultatif)").setInputFiles(path);
  await page.getByText(/Recette « vintage\.json » ouverte/).waitFor();
  await carnet.upload(Y2019);
  const changes = page.locator(".recipe-changes");
  await changes.waitFor();
  assert.match(await changes.innerText(), /^Par rapport au fichier de la recette \(« cc_filosofi_2020_COM\.csv »\) : même variable, autre millésime : NBMENFISC20 → NBMENFISC19, NBPERSMENFISC20 → NBPERSMENFISC19, MED20 → MED19/);
  await page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).waitFor();
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("Médiane du niveau de vie (€) en 2019 à Sailly-lez-Lannoy"));
  await page.getByText("1 colonne renommée : med19 → mediane_niveau_vie").waitFor();
  const csv = await carnet.download("Télécharger le CSV nettoyé");
  const [header, row] = csv.text.trimEnd().split("\n");
  assert.ok(header.startsWith("codgeo,nbmenfisc19,nbpersmenfisc19,mediane_niveau_vie,"), header);
  assert.ok(row.startsWith("59522,759,1986,28570,"), row);
  // The recipe's settings are kept; the title and dates are the 2019 file's.
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  assert.equal(await form.getByLabel("Adresse électronique ou site web").inputValue(), "mairie@sailly-lez-lannoy.fr");
  assert.equal(await form.getByLabel("Licence").inputValue(), "odc-odbl");
  assert.match(await form.getByLabel("Titre", { exact: true }).inputValue(), /\(2019\)$/);
  assert.equal(await form.getByLabel("Début").inputValue(), "2019-01-01");
  await carnet.screenshot("42-recette-autre-millesime");
  assertClean(carnet);
  await page.context().close();
});
