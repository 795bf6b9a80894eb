// Trunk post-build hook: seals the build for offline use and a strict Content-Security-Policy.
//
// 1. The page's CSP: only its own origin, WebAssembly compilation, and the hash of each inline
//    script Trunk wrote (the wasm bootstrap). Set in a <meta> so it holds on any static host.
//    `connect-src` also names data.gouv.fr's file hosts: the one request a `?src=` link may make.
// 2. The service worker: `sw.js` gets the list of files to keep for offline use and a version
//    derived from their content, so a new build replaces the old cache on the next visit.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run through trunk build");

const DATA_GOUV = ["https://www.data.gouv.fr", "https://static.data.gouv.fr", "https://object.files.data.gouv.fr"];

const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  (m) => `'sha256-${createHash("sha256").update(m[1], "utf8").digest("base64")}'`,
);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self' ${DATA_GOUV.join(" ")}`,
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");
if (!html.includes('http-equiv="Content-Security-Policy"')) {
  const charset = /<meta charset="utf-8" \/>/;
  // Without the policy the page would run unguarded: fail the build rather than ship that.
  if (!charset.test(html)) throw new Error(`finish-build: no <meta charset="utf-8" /> in ${indexPath} to put the CSP after`);
  html = html.replace(charset, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
  writeFileSync(indexPath, html);
}

function files(root) {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const precache = files(dir)
  .map((p) => relative(dir, p).split("\\").join("/"))
  // The communes' contours (12 Mo for France) are cached as each map asks for its département.
  .filter((p) => p !== "sw.js" && !p.startsWith("contours/"))
  .sort();
const version = createHash("sha256");
for (const p of precache) version.update(p).update(readFileSync(join(dir, p)));
const swPath = join(dir, "sw.js");
const template = readFileSync(swPath, "utf8");
for (const mark of ["__CARNET_VERSION__", "__CARNET_PRECACHE__"]) {
  if (!template.includes(mark)) throw new Error(`finish-build: ${mark} missing from sw.js`);
}
const sw = template
  .replace("__CARNET_VERSION__", version.digest("hex").slice(0, 16))
  .replace("__CARNET_PRECACHE__", JSON.stringify(["./", ...precache]));
writeFileSync(swPath, sw);
console.log(`finish-build: CSP with ${hashes.length} inline script hash(es); ${precache.length} files for offline use`);
