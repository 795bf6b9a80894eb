// The browser benchmark: in one headless Chromium page, the file dropped first (until
// « Format détecté », until the whole typed table), then the app's worker from File to the
// filtered commune's rows, beside Papa Parse and DuckDB-WASM doing the same work (parse, type,
// keep the commune's rows) on the same File; workbooks beside SheetJS. Carnet is timed twice in each run: until the rows
// reach the page (the peers' work: rows in the page's memory) and until they are drawn on it.
// Prints each median and the ratios.
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { brotliCompressSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../tests/browser/server.mjs";
import { launch } from "../tests/browser/carnet-page.mjs";
import { hugeFileOnDisk } from "../tests/browser/fixtures.mjs";
import { tmpdir } from "node:os";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist");
const RUNS = Number(process.env.RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const duckdbDist = join(here, "node_modules", "@duckdb", "duckdb-wasm", "dist");
const server = await serve(dist, 0, { "/duckdb/": duckdbDist, "/nm/": join(here, "node_modules") });
const browser = await launch();
// The peers are injected as page scripts, which the app's Content-Security-Policy would refuse.
const page = await (await browser.newContext({ locale: "fr-FR", bypassCSP: true })).newPage();
page.on("pageerror", (e) => console.error("page error:", e.message));
await page.goto(server.url);
await page.addScriptTag({ path: join(here, "..", "tests", "browser", "generate.js") });
await page.addScriptTag({ path: join(here, "node_modules", "papaparse", "papaparse.min.js") });

// Start-up, a first visit each run (a context of its own: nothing cached): the first paint, the
// commune list ready (« … communes disponibles »), and the longest task on the page's thread.
{
  const paints = [];
  const ready = [];
  const longest = [];
  for (let i = 0; i <= RUNS; i++) {
    const context = await browser.newContext({ locale: "fr-FR" });
    const visit = await context.newPage();
    await visit.addInitScript(() => {
      window.benchLong = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => window.benchLong.push(e.duration))).observe({
        type: "longtask",
        buffered: true,
      });
    });
    await visit.goto(server.url);
    await visit.getByText(/communes disponibles/).waitFor();
    const r = await visit.evaluate(() => ({
      paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
      ready: performance.now(),
      longest: Math.max(0, ...window.benchLong),
    }));
    await context.close();
    if (i === 0) continue; // warm-up: the server's and the disk's caches
    paints.push(r.paint);
    ready.push(r.ready);
    longest.push(r.longest);
  }
  const runs = (xs) => xs.map((t) => t.toFixed(0)).join(", ");
  console.log(`${"Start-up: first contentful paint".padEnd(42)} median ${median(paints).toFixed(0).padStart(6)} ms   (runs: ${runs(paints)})`);
  console.log(`${"Start-up: commune list ready".padEnd(42)} median ${median(ready).toFixed(0).padStart(6)} ms   (runs: ${runs(ready)})`);
  console.log(`${"Start-up: longest task on the page's thread".padEnd(42)} median ${median(longest).toFixed(0).padStart(6)} ms   (runs: ${runs(longest)})`);
}

const size = await page.evaluate(() => {
  window.benchFile = window.carnetBench.national();
  return window.benchFile.size;
});
console.log(`INSEE-like file: 35,000 rows × 100 columns, ${(size / 1e6).toFixed(1)} MB, Windows-1252, ';', decimal commas`);

/** Carnet from File to the commune's rows: `{ received, shown }`, in ms. */
async function carnetSpans() {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const input = document.getElementById("file-input");
        const transfer = new DataTransfer();
        transfer.items.add(window.benchFile);
        input.files = transfer.files;
        // Received: the app's User Timing mark as the rows reach the page. Shown: the rows are
        // on the page, seen as the DOM changes.
        const done = () => document.getElementById("rows-caption")?.textContent.includes("Sailly-lez-Lannoy (59522)");
        performance.clearMarks("carnet:rows-received");
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (done()) {
            observer.disconnect();
            const shown = performance.now() - t0;
            const mark = performance.getEntriesByName("carnet:rows-received").at(-1);
            resolve({ received: mark ? mark.startTime - t0 : NaN, shown });
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }),
  );
}

/** Papa Parse reading the File typed, keeping the commune's rows, or every row when `whole`
 * (as Carnet's table). */
async function papaParse(whole) {
  return page.evaluate(
    (whole) =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        const kept = [];
        window.Papa.parse(window.benchFile, {
          delimiter: ";",
          encoding: "windows-1252",
          dynamicTyping: true,
          skipEmptyLines: true,
          step: (row) => {
            if (whole || String(row.data[0]) === "59522") kept.push(row.data);
          },
          complete: () =>
            kept.length === (whole ? 35_001 : 1) ? resolve(performance.now() - t0) : reject(new Error(`${kept.length} rows`)),
          error: reject,
        });
      }),
    whole,
  );
}
const papa = () => papaParse(false);
const papaWhole = () => papaParse(true);

// DuckDB's browser module imports Apache Arrow by bare name.
await page.addScriptTag({
  type: "importmap",
  content: JSON.stringify({
    imports: {
      "apache-arrow": "/nm/apache-arrow/Arrow.dom.mjs",
      tslib: "/nm/tslib/tslib.es6.mjs",
      flatbuffers: "/nm/flatbuffers/mjs/flatbuffers.js",
    },
  }),
});
await page.evaluate(async () => {
  const duckdb = await import("/duckdb/duckdb-browser.mjs");
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker("/duckdb/duckdb-browser-eh.worker.js"));
  await db.instantiate("/duckdb/duckdb-eh.wasm");
  window.duck = { duckdb, db, conn: await db.connect(), n: 0 };
});

async function duckdb() {
  return page.evaluate(async () => {
    const { duckdb, db, conn } = window.duck;
    const name = `f${window.duck.n++}.csv`;
    const t0 = performance.now();
    await db.registerFileHandle(name, window.benchFile, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const result = await conn.query(
      `SELECT * FROM read_csv('${name}', delim=';', header=true, decimal_separator=',', encoding='latin-1') WHERE CODGEO = '59522'`,
    );
    if (result.numRows !== 1) throw new Error(`${result.numRows} rows`);
    return performance.now() - t0;
  });
}

/** Carnet with the file dropped first (no commune picked): `{ glimpsed, loaded }`, in ms — what
 * the file's head shows reaching the page (« Format détecté », the preview), then the whole
 * typed table read (its row count on the page). */
async function carnetFileFirst() {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const input = document.getElementById("file-input");
        const transfer = new DataTransfer();
        transfer.items.add(window.benchFile);
        input.files = transfer.files;
        for (const m of ["carnet:glimpsed", "carnet:loaded"]) performance.clearMarks(m);
        const at = (m) => performance.getEntriesByName(m).at(-1)?.startTime;
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          const summary = document.querySelector(".detected .summary")?.textContent ?? "";
          if (at("carnet:loaded") !== undefined && summary.includes("35\u202f000 lignes")) {
            observer.disconnect();
            const glimpsed = at("carnet:glimpsed");
            if (glimpsed === undefined) reject(new Error("no glimpse"));
            resolve({ glimpsed: glimpsed - t0, loaded: at("carnet:loaded") - t0 });
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }),
  );
}


/** DuckDB-WASM reading the whole file into a typed table. */
async function duckdbWhole() {
  return page.evaluate(async () => {
    const { duckdb, db, conn } = window.duck;
    const name = `w${window.duck.n++}.csv`;
    const t0 = performance.now();
    await db.registerFileHandle(name, window.benchFile, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    await conn.query(
      `CREATE OR REPLACE TABLE whole AS SELECT * FROM read_csv('${name}', delim=';', header=true, decimal_separator=',', encoding='latin-1')`,
    );
    const n = (await conn.query("SELECT count(*) AS n FROM whole")).toArray()[0].n;
    if (Number(n) !== 35_000) throw new Error(`${n} rows`);
    return performance.now() - t0;
  });
}

// The file dropped first, as most people do: no commune picked yet.
{
  const glimpses = [];
  const carnetLoaded = [];
  const whole = {};
  await carnetFileFirst(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    await settle();
    const { glimpsed, loaded } = await carnetFileFirst();
    glimpses.push(glimpsed);
    carnetLoaded.push(loaded);
  }
  const runs = (xs) => xs.map((t) => t.toFixed(0)).join(", ");
  console.log(`${"File first: Carnet, « Format détecté »".padEnd(42)} median ${median(glimpses).toFixed(0).padStart(6)} ms   (runs: ${runs(glimpses)})`);
  console.log(`${"File first: Carnet, whole typed table".padEnd(42)} median ${median(carnetLoaded).toFixed(0).padStart(6)} ms   (runs: ${runs(carnetLoaded)})`);
  for (const [name, run] of [["Papa Parse 5.7.1", papaWhole], ["DuckDB-WASM 1.32.0", duckdbWhole]]) {
    await run();
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await settle();
      times.push(await run());
    }
    whole[name] = median(times);
    console.log(`${`File first: ${name}, whole typed table`.padEnd(42)} median ${whole[name].toFixed(0).padStart(6)} ms   (runs: ${runs(times)})`);
  }
  for (const [name, ms] of Object.entries(whole)) {
    console.log(
      `Ratio ${name} / Carnet, file first: ${(ms / median(carnetLoaded)).toFixed(2)}× (whole table), ` +
        `${(ms / median(glimpses)).toFixed(1)}× (« Format détecté »)`,
    );
  }
}

// The clerk has already picked the commune: the file goes straight to its rows.
await page.getByRole("combobox", { name: /Commune/ }).fill("59522");
await page.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).click();

let shownTimes = [];
async function carnet() {
  const { received, shown } = await carnetSpans();
  shownTimes.push(shown);
  return received;
}

/** Each run starts with the page at rest (the previous run's last work done: the chart drawn
 * after the rows, a garbage collection), as when a person picks a file. */
async function settle(on = page) {
  await on.waitForTimeout(250);
  await on.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 })));
}

const results = {};
const peers = [
  ["Carnet (worker, File → commune rows)", carnet],
  ["Papa Parse 5.7.1 (File → commune rows)", papa],
  ["DuckDB-WASM 1.32.0 (File → commune rows)", duckdb],
];
for (const [name, run] of peers) {
  await run(); // warm-up
  shownTimes = [];
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await settle();
    times.push(await run());
  }
  results[name] = median(times);
  console.log(`${name.padEnd(42)} median ${median(times).toFixed(0).padStart(6)} ms   (runs: ${times.map((t) => t.toFixed(0)).join(", ")})`);
  if (run === carnet) {
    results.shown = median(shownTimes);
    console.log(`${"  … and until the rows are drawn".padEnd(42)} median ${results.shown.toFixed(0).padStart(6)} ms   (runs: ${shownTimes.map((t) => t.toFixed(0)).join(", ")})`);
  }
}
const [carnetMs, papaMs, duckMs] = peers.map(([name]) => results[name]);
const ratio = (peer, ms) => `${(peer / ms).toFixed(2)}× (${(peer / results.shown).toFixed(2)}× until drawn)`;
console.log(`Ratio Papa Parse / Carnet: ${ratio(papaMs, carnetMs)}`);
console.log(`Ratio DuckDB-WASM / Carnet: ${ratio(duckMs, carnetMs)}`);

// A dossier of three national files (INSEE's Filosofi 2019, 2020 and 2021, one row per commune,
// from the project's test data): the time from choosing another commune to the tidy table of
// the three files filtered again for it, on the page.
{
  const insee = join(here, "..", "tests", "data", "insee");
  const dossier = await (await browser.newContext({ locale: "fr-FR" })).newPage();
  await dossier.goto(server.url);
  await dossier.setInputFiles("#file-input", ["cc_filosofi_2019_COM.CSV", "cc_filosofi_2020_COM.csv", "cc_filosofi_2021_COM.csv"].map((f) => join(insee, f)));
  await dossier.getByRole("heading", { name: "Le dossier : 3 fichiers" }).waitFor({ timeout: 120_000 });
  const communes = [["59522", /Sailly-lez-Lannoy \(59522\)/, "Sailly-lez-Lannoy"], ["59332", /Lannoy \(59332\)/, "Lannoy"]];
  const times = [];
  for (let round = 0; round < RUNS * 2; round++) {
    const [code, option, name] = communes[round % 2];
    await dossier.getByRole("combobox", { name: /Commune/ }).fill(code);
    await dossier.getByRole("option", { name: option }).waitFor();
    await dossier.evaluate((name) => {
      window.refiltered = new Promise((resolve) => {
        const start = performance.now();
        const observer = new MutationObserver(() => {
          const caption = document.getElementById("compiled-caption")?.textContent ?? "";
          if (caption.includes(`pour ${name}, d’après 3 fichiers`)) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    }, name);
    await dossier.getByRole("option", { name: option }).click();
    const ms = await dossier.evaluate(() => window.refiltered);
    if (round > 0) times.push(ms); // the first choice reads the files; the others filter again
  }
  console.log(
    `${"Dossier of 3 national files, commune changed".padEnd(42)} median ${median(times).toFixed(0).padStart(6)} ms   ` +
      `(runs: ${times.map((t) => t.toFixed(0)).join(", ")}; click to the tidy table of the new commune)`,
  );
  await dossier.context().close();
}

// Workbooks: INSEE's commune table of the Code officiel géographique (a real XLSX: 34,955 rows
// × 17 columns, five sheets) and Filosofi 2021 written as a workbook by SheetJS (34,909 rows ×
// 28 columns, numbers as numbers), read by Carnet's worker to the commune's rows, beside SheetJS
// 0.18.5 reading the same File in the page and keeping the commune's row.
{
  const insee = join(here, "..", "tests", "data", "insee");
  const XLSX = (await import("xlsx")).default ?? (await import("xlsx"));
  const csv = readFileSync(join(insee, "cc_filosofi_2021_COM.csv"), "latin1").trim().split("\n").map((l) => l.split(";"));
  const typed = csv.map((row, r) => row.map((v, c) => (r > 0 && c > 0 && /^-?\d+(,\d+)?$/.test(v) ? Number(v.replace(",", ".")) : v)));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(typed), "COM");
  const filosofi = join(tmpdir(), "cc_filosofi_2021_COM.xlsx");
  writeFileSync(filosofi, XLSX.write(book, { type: "buffer", bookType: "xlsx" }));
  const books = [
    ["INSEE COG 2022 (real XLSX, 34,955 × 17, 5 sheets)", join(insee, "table-appartenance-geo-communes-22.xlsx")],
    ["Filosofi 2021 as XLSX (34,909 × 28)", filosofi],
  ];
  const wb = await (await browser.newContext({ locale: "fr-FR", bypassCSP: true })).newPage();
  await wb.goto(server.url);
  await wb.addScriptTag({ path: join(here, "node_modules", "xlsx", "dist", "xlsx.full.min.js") });
  await wb.getByRole("combobox", { name: /Commune/ }).fill("59522");
  await wb.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).click();
  for (const [label, path] of books) {
    const bytes = readFileSync(path);
    await wb.evaluate(({ b64, name }) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      window.benchBook = new File([raw], name);
    }, { b64: bytes.toString("base64"), name: path.split("/").pop() });
    const carnetRun = () =>
      wb.evaluate(
        () =>
          new Promise((resolve) => {
            const input = document.getElementById("file-input");
            const transfer = new DataTransfer();
            transfer.items.add(window.benchBook);
            input.files = transfer.files;
            performance.clearMarks("carnet:rows-received");
            const t0 = performance.now();
            const observer = new MutationObserver(() => {
              const mark = performance.getEntriesByName("carnet:rows-received").at(-1);
              if (mark && document.getElementById("rows-caption")?.textContent.includes("Sailly-lez-Lannoy (59522)")) {
                observer.disconnect();
                resolve(mark.startTime - t0);
              }
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
            input.dispatchEvent(new Event("change", { bubbles: true }));
          }),
      );
    const sheetjsRun = () =>
      wb.evaluate(async () => {
        const t0 = performance.now();
        const book = window.XLSX.read(await window.benchBook.arrayBuffer(), { type: "array" });
        let found = 0;
        for (const name of book.SheetNames) {
          const rows = window.XLSX.utils.sheet_to_json(book.Sheets[name], { header: 1, raw: true });
          found += rows.filter((r) => r.some((v) => String(v) === "59522")).length;
        }
        if (!found) throw new Error("SheetJS found no row of 59522");
        return performance.now() - t0;
      });
    const timings = {};
    for (const [who, run] of [["Carnet (worker)", carnetRun], ["SheetJS 0.18.5", sheetjsRun]]) {
      await run();
      const times = [];
      for (let i = 0; i < Math.max(5, Math.ceil(RUNS / 2)); i++) {
        await settle(wb);
        times.push(await run());
      }
      timings[who] = median(times);
      console.log(`${`${label}: ${who}`.padEnd(64)} median ${median(times).toFixed(0).padStart(6)} ms   (runs: ${times.map((t) => t.toFixed(0)).join(", ")})`);
    }
    console.log(`${`${label}: ratio SheetJS / Carnet`.padEnd(64)} ${(timings["SheetJS 0.18.5"] / timings["Carnet (worker)"]).toFixed(2)}×`);
  }
  rmSync(filosofi, { force: true });
  await wb.context().close();
}

// A file larger than memory, on disk as a user's would be, streamed for the picked commune, in
// a browser of its own (the peers' memory is not the tab's). The tab's memory is its renderer
// process's (page and workers), sampled every 50 ms from /proc during the read.
await browser.close();
const huge = hugeFileOnDisk(join(tmpdir(), "carnet_bench_1go.csv"), 1024);
const hugeSize = statSync(huge.path).size;
const alone = await launch();
const tab = await (await alone.newContext({ locale: "fr-FR" })).newPage();
await tab.goto(server.url);
await tab.getByRole("combobox", { name: /Commune/ }).fill("59522");
await tab.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).click();
await tab.evaluate(() => {
  const input = document.getElementById("file-input");
  input.addEventListener("change", () => (window.benchStart = performance.now()), { capture: true, once: true });
  window.benchDone = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(".timings") && document.getElementById("rows-caption")?.textContent.includes("59522")) {
        observer.disconnect();
        resolve(performance.now() - window.benchStart);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
});
let tabPeak = rendererMemory();
const sampler = setInterval(() => (tabPeak = Math.max(tabPeak, rendererMemory())), 50);
await tab.setInputFiles("#file-input", huge.path);
const hugeMs = await tab.evaluate(() => window.benchDone);
clearInterval(sampler);
const memory = Number(await tab.locator(".timings").getAttribute("data-memory"));
console.log(
  `1 GB file streamed (${(hugeSize / 1e9).toFixed(2)} GB, ${huge.rows.toLocaleString("en")} rows): ${(hugeMs / 1000).toFixed(2)} s, ` +
    `${(hugeSize / 1e6 / (hugeMs / 1000)).toFixed(0)} MB/s, worker wasm memory ${(memory / 1e6).toFixed(0)} MB, ` +
    `tab at most ${(tabPeak / 1e6).toFixed(0)} MB (renderer processes' anonymous and shared resident memory)`,
);
rmSync(huge.path, { force: true });
await alone.close();

for (const f of readdirSync(dist).filter((f) => f.endsWith(".wasm"))) {
  const bytes = readFileSync(join(dist, f));
  console.log(`${f.padEnd(36)} ${(statSync(join(dist, f)).size / 1024).toFixed(0)} KB, ${(brotliCompressSync(bytes).length / 1024).toFixed(0)} KB after brotli`);
}
server.close();

/** Resident memory of this bench's renderer processes (its own descendants: one tab here, with
 * Chromium's idle spare renderer), in bytes: anonymous and shared-memory pages, not the mapped
 * program files. */
function rendererMemory() {
  const pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  const parent = new Map();
  for (const pid of pids) {
    try {
      // The parent pid is the second field after the command name, which may hold spaces.
      const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
      parent.set(pid, stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      // The process ended meanwhile.
    }
  }
  const ours = (pid) => {
    for (let p = pid; p && p !== "0" && p !== "1"; p = parent.get(p)) if (p === String(process.pid)) return true;
    return false;
  };
  let bytes = 0;
  for (const pid of pids.filter(ours)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "latin1").includes("--type=renderer")) continue;
      const status = readFileSync(`/proc/${pid}/status`, "latin1");
      for (const field of ["RssAnon", "RssShmem"]) bytes += Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended meanwhile.
    }
  }
  return bytes;
}

