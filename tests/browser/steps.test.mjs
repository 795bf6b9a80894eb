// Standardization steps on the published file: names to schema.data.gouv.fr's conventions, a
// rename, a column left out, undo and redo, and the steps kept in the recipe.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { AXE, assertClean, axe, useApp } from "./harness.mjs";

const FILOSOFI_2020 = join(TEST_DATA, "cc_filosofi_2020_COM.csv");
const app = useApp();

test("steps rename and drop columns of the published CSV, with undo and redo", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [AXE] });
  const page = carnet.page;
  await carnet.showSailly(FILOSOFI_2020);
  const panel = page.getByRole("region", { name: "Mise en forme du fichier publié" });
  const header = async () => (await carnet.download("Télécharger le CSV nettoyé")).text.split("\n")[0];
  assert.ok((await header()).startsWith("CODGEO,NBMENFISC20,NBPERSMENFISC20,MED20,PIMP20,"));

  await panel.getByRole("button", { name: "Ajouter une étape" }).click();
  await panel.getByRole("button", { name: "Noms de colonnes au format schema.data.gouv.fr" }).click();
  await panel.getByText(/^28 colonnes renommées : CODGEO → codgeo, NBMENFISC20 → nbmenfisc20/).waitFor();
  await panel.getByLabel("Colonne à renommer").selectOption("med20");
  await panel.getByLabel("Nouveau nom").fill("mediane_niveau_vie_2020");
  await panel.getByRole("button", { name: "Renommer", exact: true }).click();
  await panel.getByText("1 colonne renommée : med20 → mediane_niveau_vie_2020").waitFor();
  await panel.getByLabel("Colonne à retirer du fichier publié").selectOption("pimp20");
  await panel.getByRole("button", { name: "Retirer", exact: true }).click();
  await panel.getByText("colonne retirée : pimp20").waitFor();
  assert.ok((await header()).startsWith("codgeo,nbmenfisc20,nbpersmenfisc20,mediane_niveau_vie_2020,tp6020,"));
  await carnet.screenshot("80-etapes");
  await axe(carnet, "mise en forme");

  await panel.getByRole("button", { name: "Annuler la dernière étape" }).click();
  await page.waitForFunction(() => !document.querySelector(".steps-list")?.innerText.includes("pimp20"));
  assert.ok((await header()).includes(",mediane_niveau_vie_2020,pimp20,"));
  await panel.getByRole("button", { name: "Rétablir l’étape annulée" }).click();
  await panel.getByText("colonne retirée : pimp20").waitFor();
  assert.ok(!(await header()).includes("pimp20"));

  // A code column read as a number elsewhere can be kept as text; here NBMENFISC20 shows how.
  await panel.getByLabel("Colonne à garder en texte").selectOption("nbmenfisc20");
  await panel.getByRole("button", { name: "Garder en texte" }).click();
  await panel.getByText("1 cellule réécrite en texte").waitFor();
  await panel.getByRole("button", { name: "Annuler la dernière étape" }).click();
  await page.waitForFunction(() => !document.querySelector(".steps-list")?.innerText.includes("en texte"));

  // The schema and the recipe follow.
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  const schema = JSON.parse((await carnet.download("Télécharger schema.json")).text);
  assert.deepEqual(schema.fields.slice(0, 4).map((f) => f.name), ["codgeo", "nbmenfisc20", "nbpersmenfisc20", "mediane_niveau_vie_2020"]);
  const recipe = JSON.parse((await carnet.download("Télécharger la recette (carnet.json)")).text);
  assert.deepEqual(recipe.steps, [
    "FieldNames",
    { Rename: { column: "med20", to: "mediane_niveau_vie_2020" } },
    { Drop: { column: "pimp20" } },
  ]);
  assertClean(carnet);
  await page.context().close();
});

test("a variable dictionary's labels become the columns' names in one step", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.showSailly(FILOSOFI_2020);
  await page.getByLabel("Dictionnaire des variables (facultatif)").setInputFiles(join(TEST_DATA, "meta_cc_filosofi_2019_COM.CSV"));
  await page.getByText(/Dictionnaire « meta_cc_filosofi_2019_COM\.CSV » : \d+ variables décrites\./).waitFor();
  const panel = page.getByRole("region", { name: "Mise en forme du fichier publié" });
  await panel.getByRole("button", { name: "Ajouter une étape" }).click();
  await panel.getByText(/^Par exemple : NBMENFISC20 → nombre_de_menages_fiscaux, NBPERSMENFISC20 → nombre_de_personnes_dans_les_menages_fiscaux, MED20 → mediane_du_niveau_vie …$/).waitFor();
  await panel.getByRole("button", { name: /^Renommer \d+ colonnes d’après le dictionnaire$/ }).click();
  await panel.getByText(/renommées? : NBMENFISC20 → nombre_de_menages_fiscaux/).waitFor();
  const header = (await carnet.download("Télécharger le CSV nettoyé")).text.split("\n")[0].split(",");
  assert.deepEqual(header.slice(0, 4), ["CODGEO", "nombre_de_menages_fiscaux", "nombre_de_personnes_dans_les_menages_fiscaux", "mediane_du_niveau_vie"]);
  assert.ok(header.every((name) => name.length <= 50), header.join());
  assert.equal(new Set(header).size, header.length, "no name taken twice");
  // Renamed, the columns keep their labels in the schema.
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  const schema = JSON.parse((await carnet.download("Télécharger schema.json")).text);
  assert.equal(schema.fields.find((f) => f.name === "mediane_du_niveau_vie").title, "Médiane du niveau vie (€)");
  assertClean(carnet);
  await page.context().close();
});
