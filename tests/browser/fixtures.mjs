import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
// Files a person might bring, generated in the test run rather than committed.

/** Windows-1252's characters outside Latin-1, with their bytes. */
const CP1252 = new Map([["€", 0x80], ["…", 0x85], ["Š", 0x8a], ["Œ", 0x8c], ["Ž", 0x8e], ["‘", 0x91], ["’", 0x92],
  ["“", 0x93], ["”", 0x94], ["–", 0x96], ["—", 0x97], ["š", 0x9a], ["œ", 0x9c], ["ž", 0x9e], ["Ÿ", 0x9f]]);

/** Encodes text as Windows-1252. */
export function windows1252(text) {
  const bytes = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (CP1252.has(ch)) bytes.push(CP1252.get(ch));
    else if (c < 256) bytes.push(c);
    else throw new Error(`not in Windows-1252: ${ch}`);
  }
  return Buffer.from(bytes);
}

/** A CAF-like extract: Windows-1252, `;`, decimal commas, quoted names, a title row. */
export function cafLike() {
  const text = [
    "Allocataires CAF au 31 décembre 2022;;;",
    "Communes;Codes_Insee;NB_allocataires;Part_alloc",
    "Sailly-lez-Lannoy;59522;312;16,4",
    "\"Saint-Étienne\";42218;40120;23,5",
    "Ajaccio;2A004;15230;19,9",
    "L'Abergement-Clémenciat;01001;s;s",
  ].join("\r\n") + "\r\n";
  return { name: "caf_allocataires_2022.csv", mimeType: "text/csv", buffer: windows1252(text) };
}

/** A national-style file of `rows` communes and `cols` indicators (about 1 KB per row at 100 columns). */
export function national(rows = 35_000, cols = 100) {
  const header = ["CODGEO", "LIBGEO", ...Array.from({ length: cols - 2 }, (_, i) => `P21_IND${i}`)].join(";");
  const lines = [header];
  for (let r = 0; r < rows; r++) {
    const dep = String(1 + (r % 95)).padStart(2, "0");
    const code = r === 0 ? "59522" : `${dep}${String(r % 1000).padStart(3, "0")}`;
    const cells = [code, r === 0 ? "Sailly-lez-Lannoy" : r % 3 ? `Commune ${r}` : `Saint-Rémy-lès-Chevreuse ${r}`];
    for (let c = 2; c < cols; c++) cells.push(c % 7 === 0 ? "s" : `${(r * 31 + c * 17) % 10000},${c % 10}`);
    lines.push(cells.join(";"));
  }
  return { name: "base_cc_national.csv", mimeType: "text/csv", buffer: windows1252(lines.join("\r\n") + "\r\n") };
}

export const badFiles = {
  empty: { name: "vide.csv", mimeType: "text/csv", buffer: Buffer.alloc(0) },
  binary: {
    name: "photo.csv",
    mimeType: "text/csv",
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01]),
  },
  zip: { name: "filosofi_2020.csv", mimeType: "text/csv", buffer: Buffer.from("PK\x03\x04\x14\x00\x00\x00\x08\x00cc_filosofi_2020_COM.csv", "latin1") },
  ragged: {
    name: "decale.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("CODGEO;NBMENFISC20;MED20\n01001;331;24820\n01002;116\n59522;765;29440;extra\n2A004;30000;21000\n"),
  },
  headerOnly: { name: "entete.csv", mimeType: "text/csv", buffer: Buffer.from("CODGEO;MED20\r\n") },
};

/**
 * Writes a national-style file of about `megabytes` MB to `path` (a file on disk, as a user's
 * would be): Sailly-lez-Lannoy's row once near the top among repeated blocks of other rows.
 */
export function hugeFileOnDisk(path, megabytes = 1024, cols = 100) {
  const row = (code, name, r) => {
    const cells = [code, name];
    for (let c = 2; c < cols; c++) cells.push(c % 7 === 0 ? "s" : `${(r * 31 + c * 17) % 10000},${c % 10}`);
    return cells.join(";") + "\r\n";
  };
  const header = ["CODGEO", "LIBGEO", ...Array.from({ length: cols - 2 }, (_, i) => `P21_IND${i + 2}`)].join(";") + "\r\n";
  let block = "";
  for (let r = 1; block.length < 8 << 20; r++) {
    block += row(`${String(1 + (r % 95)).padStart(2, "0")}${String(r % 1000).padStart(3, "0")}`, `Saint-Rémy ${r}`, r);
  }
  const blockBytes = windows1252(block);
  const fd = openSync(path, "w");
  writeSync(fd, windows1252(header + row("59522", "Sailly-lez-Lannoy", 0)));
  let size = 0;
  for (; size < megabytes * 1e6; size += blockBytes.length) writeSync(fd, blockBytes);
  closeSync(fd);
  return { path, rows: 1 + (size / blockBytes.length) * block.split("\r\n").length - size / blockBytes.length };
}

/** Files re-saved by people or exported by tools, each with its own trap. */
export const uglyFiles = {
  // Excel "Texte Unicode": UTF-16 LE with BOM, tab-separated.
  excelUnicode: {
    name: "export_excel.txt",
    mimeType: "text/plain",
    buffer: Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("CODGEO\tLIBGEO\tP21_POP\r\n59522\tSailly-lez-Lannoy\t1 923\r\n2A004\tAjaccio\t76 320\r\n", "utf16le"),
    ]),
  },
  // Two extracts pasted together: UTF-8 then Windows-1252.
  mixed: {
    name: "colle.csv",
    mimeType: "text/csv",
    buffer: Buffer.concat([
      Buffer.from("CODGEO;LIBGEO\n42218;Saint-Étienne\n", "utf8"),
      windows1252("59350;Lille-Hellemmes Écart\n59522;Sailly-lez-Lannoy\n"),
    ]),
  },
  // A quote opened on the first data line and never closed.
  unclosedQuote: {
    name: "guillemet.csv",
    mimeType: "text/csv",
    buffer: Buffer.from('CODGEO;MED20\n"01001;24820\n59522;29440\n2A004;21000\n'),
  },
  // Observatoire des territoires: title rows, -9999 for no value, codes that lost their zero.
  observatoire: {
    name: "observatoire.csv",
    mimeType: "text/csv",
    buffer: windows1252(
      "Indicateur : part des moins de 25 ans (%)\r\nSource : Insee, RP 2021\r\n\r\ncodgeo;libgeo;an;part_25\r\n" +
        "1001;L'Abergement-Clémenciat;2021;\"28,4\"\r\n59522;Sailly-lez-Lannoy;2021;-9999\r\n2A004;Ajaccio;2021;26,1\r\n",
    ),
  },
};

/** The communes of the Métropole Européenne de Lille, from the geography Carnet ships. */
function melCommunes() {
  const url = new URL("../../node_modules/@etalab/decoupage-administratif/data/epci.json", import.meta.url);
  const epci = JSON.parse(readFileSync(url, "utf8")).find((e) => e.code === "200093201");
  return epci.membres.map((m) => ({ code: m.code, name: m.nom, population: m.populationMunicipale }));
}

/**
 * An Observatoire des territoires-like export: title rows, `;`, Windows-1252, decimal commas,
 * the MEL's communes and rows for the MEL, the Nord, the Gers (code 32, a trap for the région),
 * the Hauts-de-France (32 too) and France.
 */
export function observatoireLike() {
  const rows = melCommunes().map((c, i) => `${c.code};${c.name};2021;${(8 + (i % 7) * 0.7).toFixed(1).replace(".", ",")};${10 + i}`);
  const sailly = rows.findIndex((r) => r.startsWith("59522;"));
  rows[sailly] = "59522;Sailly-lez-Lannoy;2021;9,4;18";
  const text = [
    "Taux de natalité (pour 1 000 habitants);;;;",
    "Source : Insee, état civil 2021;;;;",
    "codgeo;libgeo;an;taux_natalite;nb_naissances",
    ...rows,
    "200093201;Métropole Européenne de Lille;2021;12,9;15000",
    "32;Gers;2021;7,1;1400",
    "59;Nord;2021;11,5;30000",
    "32;Hauts-de-France;2021;11,0;62000",
    "FR;France;2021;10,7;700000",
  ].join("\r\n") + "\r\n";
  return { name: "natalite_2021.csv", mimeType: "text/csv", buffer: windows1252(text) };
}

/** A census-like file of the MEL's communes only (no EPCI row): populations and a median. */
export function censusMel() {
  const communes = melCommunes();
  const lines = ["CODGEO;LIBGEO;P21_POP;MED21", ...communes.map((c, i) => `${c.code};${c.name};${c.population};${20000 + i * 100}`)];
  const total = communes.reduce((sum, c) => sum + c.population, 0);
  return { file: { name: "base_cc_mel_2021.csv", mimeType: "text/csv", buffer: windows1252(lines.join("\r\n") + "\r\n") }, total };
}

/** The age bands of the census's population files (base-cc-evol-struct-pop). */
const BANDS = ["0014", "1529", "3044", "4559", "6074", "7589", "90P"];
const SHARES = [0.18, 0.17, 0.19, 0.2, 0.16, 0.08, 0.02];

/**
 * A census population file of the MEL's communes: the population by age band (`P21_POP0014`…)
 * and by sex and age band (`P21_H0014`, `P21_F0014`…), weighted (decimal commas), `;`.
 */
export function censusAges() {
  const header = ["CODGEO", "LIBGEO", "P21_POP", ...BANDS.map((b) => `P21_POP${b}`), ...BANDS.map((b) => `P21_H${b}`), ...BANDS.map((b) => `P21_F${b}`)];
  const comma = (v) => v.toFixed(1).replace(".", ",");
  const lines = [header.join(";")];
  for (const c of melCommunes()) {
    const pop = BANDS.map((_, i) => c.population * SHARES[i]);
    // A few more women in the older bands, as in every French commune.
    const women = pop.map((p, i) => p * (i >= 4 ? 0.56 : 0.5));
    const men = pop.map((p, i) => p - women[i]);
    lines.push([c.code, c.name, c.population, ...pop.map(comma), ...men.map(comma), ...women.map(comma)].join(";"));
  }
  return { name: "base-cc-evol-struct-pop-2021.csv", mimeType: "text/csv", buffer: windows1252(lines.join("\r\n") + "\r\n") };
}
