// Turns the communes' contours of each département (GeoJSON, one file per département) into
// the compact files the app ships under `public/contours/`: one per département, loaded only
// when a map shows it. Run by hand when the source changes; the output is committed, with the
// source's commit and each input's SHA-256 in `public/contours/README.md`.
//
//   node scripts/contours.mjs <folder holding departements/NN-name/communes-NN-name.geojson> <its commit>
//
// Each output is JSON: { "departement", "source", "scale", "communes": [[code, name, polygons]] }
// where a polygon is a list of rings and a ring a flat list of integers: longitude and latitude
// times `scale` (1e4: about 10 m), the first point whole, each next one as the step from the one
// before. Points closer than TOLERANCE (in those units) to the line of their neighbours are
// dropped (Douglas–Peucker), and so are rings left with fewer than four points.
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SCALE = 1e4;
const TOLERANCE = 5;
const SOURCE =
  "IGN, Admin Express COG 2018, simplifié par Grégoire David (france-geojson, Licence Ouverte), " +
  "réduit par Carnet";

const [from, commit] = process.argv.slice(2);
if (!from || !commit) {
  console.error("usage: node scripts/contours.mjs <folder with departements/> <its commit>");
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "public", "contours");
mkdirSync(out, { recursive: true });

/** Squared distance from p to the segment a–b. */
function distance2(p, a, b) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const len = dx * dx + dy * dy;
  let t = len === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len;
  t = Math.max(0, Math.min(1, t));
  const [x, y] = [a[0] + t * dx - p[0], a[1] + t * dy - p[1]];
  return x * x + y * y;
}

/** Douglas–Peucker on a closed ring of integer points (first = last), iteratively. */
function simplify(points) {
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [i, j] = stack.pop();
    let [far, at] = [0, -1];
    for (let k = i + 1; k < j; k++) {
      const d = distance2(points[k], points[i], points[j]);
      if (d > far) [far, at] = [d, k];
    }
    if (at >= 0 && far > TOLERANCE * TOLERANCE) {
      keep[at] = 1;
      stack.push([i, at], [at, j]);
    }
  }
  return points.filter((_, k) => keep[k]);
}

function ring(coordinates) {
  const points = [];
  for (const [lon, lat] of coordinates) {
    const p = [Math.round(lon * SCALE), Math.round(lat * SCALE)];
    const last = points[points.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
  }
  // Split the closed ring at its farthest point from the start so both halves simplify.
  let [far, best] = [0, 0];
  for (let k = 1; k < points.length; k++) {
    const d = (points[k][0] - points[0][0]) ** 2 + (points[k][1] - points[0][1]) ** 2;
    if (d > best) [far, best] = [k, d];
  }
  const kept = far > 0 ? [...simplify(points.slice(0, far + 1)), ...simplify(points.slice(far)).slice(1)] : points;
  if (kept.length < 4) return null;
  const flat = [kept[0][0], kept[0][1]];
  for (let k = 1; k < kept.length; k++) flat.push(kept[k][0] - kept[k - 1][0], kept[k][1] - kept[k - 1][1]);
  return flat;
}

function polygons(geometry) {
  const list = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return list
    .map((rings) => rings.map(ring).filter(Boolean))
    .filter((rings) => rings.length > 0);
}

const readme = [];
let total = 0;
for (const folder of readdirSync(join(from, "departements")).sort()) {
  const code = folder.split("-")[0];
  const file = join(from, "departements", folder, `communes-${folder}.geojson`);
  const bytes = readFileSync(file);
  const json = JSON.parse(bytes.toString("utf8"));
  const communes = json.features
    .map((f) => [f.properties.code, f.properties.nom, polygons(f.geometry)])
    .filter(([, , p]) => p.length > 0)
    .sort((a, b) => a[0].localeCompare(b[0]));
  const text = JSON.stringify({ departement: code, source: SOURCE, scale: SCALE, communes }) + "\n";
  writeFileSync(join(out, `${code}.json`), text);
  total += text.length;
  const sha = createHash("sha256").update(bytes).digest("hex");
  readme.push(`| ${code} | communes-${folder}.geojson | ${bytes.length} | ${sha} | ${communes.length} | ${text.length} |`);
}
const header = `# Contours des communes, un fichier par département

Source : IGN, **Admin Express COG 2018** (édition d’août 2018), sous **Licence Ouverte** (Etalab), dans la
version simplifiée de Grégoire David, dépôt public \`gregoiredavid/france-geojson\`, commit \`${commit}\`,
fichiers \`departements/NN-nom/communes-NN-nom.geojson\` (codes et noms du COG 2018).

Réduits par \`scripts/contours.mjs\` (coordonnées au dix-millième de degré, points à moins de ${TOLERANCE}
dix-millièmes de la ligne de leurs voisins retirés). Les communes nouvelles créées depuis 2018 sont
dessinées par Carnet avec les contours de leurs anciennes communes (leurs anciens codes viennent de la
liste officielle des communes livrée avec l’application).

| département | fichier source | octets | SHA-256 | communes | octets livrés |
|---|---|---|---|---|---|
`;
writeFileSync(join(out, "README.md"), header + readme.join("\n") + "\n");
console.log(`${readme.length} départements, ${(total / 1e6).toFixed(2)} Mo en tout`);
