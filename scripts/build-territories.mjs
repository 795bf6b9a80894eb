// Turns the official geography (npm @etalab/decoupage-administratif, Licence Ouverte)
// into the compact `territoires.tsv` asset the app ships: one line per région,
// département, EPCI and current commune. Run by Trunk before each build.
//
// Columns: level, code, name, département, région, EPCI SIREN, population,
// postal codes (space-separated), former INSEE codes (space-separated), parent commune, and
// for régions and départements how French links their name after « de » (INSEE's TNCC, the
// package's typeLiaison: 2 « du Nord », 3 « de la Somme », 4 « des Hauts-de-France »…).
// Levels: R région, D département, E EPCI, C commune, L commune déléguée or associée (its
// parent is the current commune it belongs to).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = join(root, "node_modules", "@etalab", "decoupage-administratif");
const out = join(root, "target", "generated", "territoires.tsv");

const read = (name) => JSON.parse(readFileSync(join(pkgDir, "data", name), "utf8"));
const version = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")).version;

const clean = (s) => String(s ?? "").replace(/[\t\r\n]/g, " ");
const line = (fields) => fields.map(clean).join("\t");

const regions = read("regions.json");
const departements = read("departements.json");
const epcis = read("epci.json");
const all = read("communes.json");
const communes = all.filter((c) => c.type === "commune-actuelle");
const delegated = all.filter((c) => (c.type === "commune-deleguee" || c.type === "commune-associee") && c.chefLieu);

const epciOf = new Map();
for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e.code);

const lines = [
  `# territoires.tsv — @etalab/decoupage-administratif ${version} (Licence Ouverte 2.0)`,
  line(["level", "code", "name", "departement", "region", "epci", "population", "postcodes", "former_codes", "parent", "liaison"]),
];
for (const r of regions) lines.push(line(["R", r.code, r.nom, "", "", "", "", "", "", "", r.typeLiaison ?? ""]));
for (const d of departements) lines.push(line(["D", d.code, d.nom, "", d.region, "", "", "", "", "", d.typeLiaison ?? ""]));
for (const e of epcis) lines.push(line(["E", e.code, e.nom, "", "", "", e.populationMunicipale ?? "", "", "", ""]));
for (const c of communes) {
  lines.push(
    line([
      "C", c.code, c.nom, c.departement, c.region, epciOf.get(c.code) ?? "", c.population ?? "",
      (c.codesPostaux ?? []).join(" "), (c.anciensCodes ?? []).join(" "), "",
    ]),
  );
}
for (const d of delegated) lines.push(line(["L", d.code, d.nom, d.departement, d.region, "", "", "", "", d.chefLieu]));
const text = lines.join("\n") + "\n";
mkdirSync(dirname(out), { recursive: true });
if (!existsSync(out) || readFileSync(out, "utf8") !== text) writeFileSync(out, text);
console.log(`territoires.tsv: ${communes.length} communes, ${delegated.length} communes déléguées ou associées, ${epcis.length} EPCI (${(text.length / 1e6).toFixed(1)} Mo)`);
