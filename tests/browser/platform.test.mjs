// The platform a shared link relies on: a strict Content-Security-Policy, offline use after a
// first visit, accessibility (axe-core on every screen, the keyboard alone), a phone's width.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { AXE, assertClean, axe, DIST, useApp } from "./harness.mjs";
import { badFiles, cafLike } from "./fixtures.mjs";

const FILOSOFI_2020 = join(TEST_DATA, "cc_filosofi_2020_COM.csv");
// The same build also served from a sub-folder, as a commune's website would host it, and a
// copy of it that a test updates between two visits.
const SUB = "commune/donnees/carnet/";
const COPY = mkdtempSync(join(tmpdir(), "carnet-update-"));
cpSync(DIST, COPY, { recursive: true });
const app = useApp({ [`/${SUB}`]: DIST, "/copie/": COPY });

/** Collects Content-Security-Policy violations in `window.__csp`. */
const CSP_WATCH = {
  content: `window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`,
};

/** Loads Filosofi 2020 for Sailly-lez-Lannoy and draws MED20. */
const sailly = (carnet) => carnet.showSailly(FILOSOFI_2020);

test("the page sets a strict Content-Security-Policy and the whole journey stays within it", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [CSP_WATCH] });
  const page = carnet.page;
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\s\*/);
  await sailly(carnet);
  // ECharts writes its tooltip as HTML with inline styles: hover a bar.
  const box = await page.locator(".chart canvas").boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await page.getByRole("heading", { name: /Score de qualité prévu/ }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__csp), [], "CSP violations during the journey");
  // The policy is enforced: an injected inline script does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
    return window.__injected === true;
  });
  assert.equal(ran, false);
  assert.match((await page.evaluate(() => window.__csp)).join("\n"), /script-src/);
  carnet.problems = carnet.problems.filter((p) => !p.includes("Content Security Policy")); // the refusal just provoked
  assertClean(carnet);
  await page.context().close();
});

test("the page paints its banner before the app loads, and the app takes its place", async () => {
  // Without JavaScript: the banner, and why nothing more comes.
  const still = await (await app.browser.newContext({ locale: "fr-FR", javaScriptEnabled: false })).newPage();
  await still.goto(app.url);
  await still.getByRole("heading", { level: 1, name: "Carnet" }).waitFor();
  // (Playwright's text locators skip <noscript>: read it as an element.)
  assert.match(await still.locator("noscript p").innerText(), /^Carnet a besoin de JavaScript et de WebAssembly/);
  await still.context().close();
  // With it: the app removes the page it painted first (one banner, no loading line), its
  // deferred scripts ran before it, the commune list came by the preload.
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await page.getByText(/communes disponibles/).waitFor();
  assert.equal(await page.locator("#shell").count(), 0);
  assert.equal(await page.getByRole("heading", { level: 1, name: "Carnet" }).count(), 1);
  assert.equal(await page.getByText("Chargement de Carnet…").count(), 0);
  assert.deepEqual(
    await page.evaluate(() => [typeof window.echarts, typeof window.carnetCharts, typeof window.carnetStore, typeof window.carnetShare]),
    ["object", "object", "object", "object"],
  );
  const lists = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/territoires.tsv")).length);
  assert.equal(lists, 1, "the commune list fetched once: the preload served the app");
  assertClean(carnet);
  await page.context().close();
});

test("after a first visit the app opens and reads a file with the network off", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.context().setOffline(true);
  await page.reload();
  await page.getByRole("heading", { name: "Carnet", level: 1 }).waitFor();
  await carnet.pickCommune("sailly", /Sailly-lez-Lannoy \(59522\)/);
  await carnet.upload(cafLike());
  await carnet.waitDetected();
  await page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).waitFor();
  await carnet.screenshot("30-hors-ligne");
  assertClean(carnet);
  await page.context().close();
});

test("a new build is used on the next visit, with nothing to clear", async () => {
  const carnet = await CarnetPage.open(app.browser, `${app.url}copie/`);
  const page = carnet.page;
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The site is updated: a new page (its title changes) and a new service worker.
  const index = join(COPY, "index.html");
  writeFileSync(index, readFileSync(index, "utf8").replace("<title>Carnet —", "<title>Carnet (nouvelle version) —"));
  const sw = join(COPY, "sw.js");
  writeFileSync(sw, readFileSync(sw, "utf8").replace(/const VERSION = "[0-9a-f]+"/, 'const VERSION = "nouvelle"'));
  await page.goto(`${app.url}copie/`);
  assert.match(await page.title(), /^Carnet \(nouvelle version\)/);
  await page.waitForFunction(async () => (await caches.keys()).includes("carnet-nouvelle"));
  await page.waitForFunction(async () => !(await caches.keys()).some((k) => k.startsWith("carnet-") && k !== "carnet-nouvelle"));
  assertClean(carnet);
  await page.context().close();
});

test("axe-core finds no violation on any screen, on a desktop and on a phone", async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
    const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [AXE], viewport });
    const page = carnet.page;
    const at = `${viewport.width} px`;
    await axe(carnet, `accueil, ${at}`);
    await sailly(carnet);
    await page.getByRole("button", { name: "Modifier le graphique" }).click();
    await page.getByRole("button", { name: "Ajouter une étape" }).click();
    await page.getByRole("button", { name: "Explorer tout le fichier" }).click();
    await page.locator('.explorer-table[aria-busy="false"]').waitFor();
    await axe(carnet, `explorateur, ${at}`);
    await axe(carnet, `commune et graphique, ${at}`);
    await page.getByText("Voir les données du graphique").click();
    await axe(carnet, `données du graphique, ${at}`);
    await page.getByRole("button", { name: "Publier", exact: true }).click();
    await page.getByRole("heading", { name: /Score de qualité prévu/ }).waitFor();
    await axe(carnet, `publier, ${at}`);
    await page.getByRole("textbox", { name: "Mots-clés" }).fill("Besoins sociaux");
    await page.getByText(/serait enregistré « besoins-sociaux »/).waitFor();
    await axe(carnet, `publier avec une erreur, ${at}`);
    await page.getByLabel("Type de graphique").selectOption({ label: "Barres empilées : plusieurs indicateurs" });
    await page.getByRole("group", { name: /^Indicateurs à représenter ensemble/ }).waitFor();
    await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("Médiane du niveau de vie (€), Nombre de personnes dans les ménages fiscaux, Nombre de ménages fiscaux"));
    await axe(carnet, `graphique de plusieurs indicateurs, ${at}`);
    if (viewport.width === 360) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      // The elements that stick out of the page (not those scrolling inside their own box).
      const wide = await page.evaluate(() => {
        const scrolls = (e) => { for (let p = e.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true; return false; };
        return [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !scrolls(e))
          .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}#${e.id}`).join(", ");
      });
      assert.ok(overflow <= 0, `the page is ${overflow} px wider than a phone: ${wide}`);
      await carnet.screenshot("31-telephone");
      await carnet.screenshot("31-telephone-graphique", ".chart-panel");
    }
    await carnet.upload(badFiles.zip);
    await page.getByRole("alert").first().waitFor();
    await axe(carnet, `fichier refusé, ${at}`);
    assertClean(carnet);
    await page.context().close();
  }
});

test("the main journey works with the keyboard alone, focus always visible", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  /** Presses Tab until the focused element satisfies `test`; checks focus is visible on the way. */
  async function tabTo(description, test, max = 80) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(() => {
        const el = document.activeElement;
        // A visually hidden file input shows its focus on the button drawn for it.
        const shown = el.classList.contains("visually-hidden-input") ? el.closest(".dropzone, .small-picker").querySelector(".file-button") : el;
        const style = getComputedStyle(shown);
        return {
          id: el.id, tag: el.tagName, name: el.getAttribute("aria-label") ?? el.textContent.trim().slice(0, 60),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
          style: `${style.outlineStyle} ${style.outlineWidth} focus=${el.matches(":focus")}`,
        };
      });
      assert.ok(state.outline, `no visible focus on ${state.tag}#${state.id} « ${state.name} » (${state.style})`);
      if (test(state)) return state;
    }
    assert.fail(`Tab never reached ${description}`);
  }
  await tabTo("the file input", (s) => s.id === "file-input");
  // Space opens the file chooser; Enter too (tried when a busy machine lets Space go unheard).
  let chooser;
  for (const key of ["Space", "Enter", "Space"]) {
    [chooser] = await Promise.all([page.waitForEvent("filechooser", { timeout: 5_000 }).catch(() => null), page.keyboard.press(key)]);
    if (chooser) break;
  }
  assert.ok(chooser, "the keyboard opens the file chooser");
  await chooser.setFiles(FILOSOFI_2020);
  await carnet.waitDetected();
  await tabTo("the commune field", (s) => s.id === "commune-input");
  await page.keyboard.type("Sailly-lez");
  await page.getByRole("option", { name: /Sailly-lez-Lannoy \(59522\)/ }).waitFor();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).waitFor();
  await tabTo("the indicator", (s) => s.id === "chart-column");
  while ((await page.locator("#chart-column").inputValue()) !== "MED20") await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => document.getElementById("chart-alt")?.innerText.startsWith("Médiane du niveau de vie (€) en 2020 à Sailly-lez-Lannoy"));
  await tabTo("the chart's data", (s) => s.tag === "SUMMARY" && s.name === "Voir les données du graphique");
  await page.keyboard.press("Enter");
  await page.getByRole("table", { name: "Données du graphique : Médiane du niveau de vie (€) en 2020" }).waitFor();
  await tabTo("Publier", (s) => s.name === "Publier");
  await page.keyboard.press("Enter");
  await tabTo("the ZIP download", (s) => s.name === "Télécharger tout (ZIP)", 200);
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  assert.equal(download.suggestedFilename(), "cc_filosofi_2020_COM_59522_datagouv.zip");
  assertClean(carnet);
  await page.context().close();
});

test("the build works from a sub-folder, offline files included", async () => {
  const carnet = await CarnetPage.open(app.browser, `${app.url}${SUB}`);
  const page = carnet.page;
  await sailly(carnet);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, `${app.url}${SUB}`);
  assert.ok(carnet.requests.filter((u) => u.startsWith(app.url)).every((u) => u.startsWith(`${app.url}${SUB}`)), "every file from the sub-folder");
  assertClean(carnet);
  await page.context().close();
});
