// Publier as a person fills it: typed with the keyboard, key by key, and kept while the file
// changes under it (a step, a dictionary).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { assertClean, useApp } from "./harness.mjs";

const FILOSOFI_2020 = join(TEST_DATA, "cc_filosofi_2020_COM.csv");
const META = join(TEST_DATA, "meta_cc_filosofi_2019_COM.CSV");
const app = useApp();

/** Replaces a field's text by typing, one key at a time, as a person does. */
async function type(page, field, text) {
  await field.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await field.pressSequentially(text, { delay: 5 });
}

test("Publier: fields typed key by key, kept when a step or a dictionary changes the file", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.showSailly(FILOSOFI_2020);
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  const form = page.getByRole("form", { name: "Le jeu de données" });

  // Keywords typed with their commas and spaces.
  const tags = form.getByLabel("Mots-clés");
  await type(page, tags, "insee, revenus, budget-communal");
  assert.equal(await tags.inputValue(), "insee, revenus, budget-communal");
  await tags.press("End");
  await page.keyboard.type(", ");
  assert.equal(await tags.inputValue(), "insee, revenus, budget-communal, ", "a trailing comma stays while typing");
  await page.keyboard.type("nord");
  assert.equal(await tags.inputValue(), "insee, revenus, budget-communal, nord");

  // A file's title: the field keeps its focus while typed.
  const fileTitle = form.getByLabel("Titre du fichier 1");
  await type(page, fileTitle, "Lignes de Sailly-lez-Lannoy, Filosofi 2020");
  assert.equal(await fileTitle.inputValue(), "Lignes de Sailly-lez-Lannoy, Filosofi 2020");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "res-0-title", "focus stays in the field");

  await type(page, form.getByLabel("Titre", { exact: true }), "Revenus des habitants de Sailly-lez-Lannoy");
  await type(page, form.getByLabel("Producteur"), "Mairie de Sailly-lez-Lannoy");
  await type(page, form.getByLabel("Adresse électronique ou site web"), "mairie@sailly-lez-lannoy.fr");
  await page.getByText("Tous les champs respectent les règles de data.gouv.fr.").waitFor();

  // The file changes under the form: a dictionary, names to the conventions, a rename.
  await page.getByLabel("Dictionnaire des variables (facultatif)").setInputFiles(META);
  await page.getByText(/Dictionnaire « meta_cc_filosofi_2019_COM\.CSV » : \d+ variables décrites\./).waitFor();
  const panel = page.getByRole("region", { name: "Mise en forme du fichier publié" });
  await panel.getByRole("button", { name: "Ajouter une étape" }).click();
  await panel.getByRole("button", { name: "Noms de colonnes au format schema.data.gouv.fr" }).click();
  await panel.getByText(/^28 colonnes renommées/).waitFor();
  await panel.getByLabel("Colonne à renommer").selectOption("med20");
  await panel.getByLabel("Nouveau nom").fill("mediane_niveau_vie");
  await panel.getByRole("button", { name: "Renommer", exact: true }).click();
  await panel.getByText("1 colonne renommée : med20 → mediane_niveau_vie").waitFor();

  assert.equal(await form.getByLabel("Titre", { exact: true }).inputValue(), "Revenus des habitants de Sailly-lez-Lannoy");
  assert.equal(await tags.inputValue(), "insee, revenus, budget-communal, nord");
  assert.equal(await fileTitle.inputValue(), "Lignes de Sailly-lez-Lannoy, Filosofi 2020");
  assert.equal(await form.getByLabel("Producteur").inputValue(), "Mairie de Sailly-lez-Lannoy");
  // The description Carnet writes follows: the renamed column, labelled by the dictionary.
  const description = await form.getByLabel("Description (Markdown)").inputValue();
  assert.match(description, /mediane_niveau_vie/);
  assert.match(description, /Mairie de Sailly-lez-Lannoy/);

  const api = JSON.parse((await carnet.download("Télécharger datagouv.json")).text);
  assert.equal(api.dataset.title, "Revenus des habitants de Sailly-lez-Lannoy");
  assert.deepEqual(api.dataset.tags, ["insee", "revenus", "budget-communal", "nord"]);
  assert.equal(api.resources[0].fields.title, "Lignes de Sailly-lez-Lannoy, Filosofi 2020");
  const schema = JSON.parse((await carnet.download("Télécharger schema.json")).text);
  const median = schema.fields.find((f) => f.name === "mediane_niveau_vie");
  assert.ok(median, "the renamed column is in the schema");
  assert.match(median.title ?? "", /[Mm]édiane/, "the dictionary's label follows the rename");
  await carnet.screenshot("90-publier-saisi");
  assertClean(carnet);
  await page.context().close();
});
