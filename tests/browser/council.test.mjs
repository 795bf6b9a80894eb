// Charts a council publishes: words not codes (labels built in, no dictionary read), an axis
// from zero, the journey as steps, and every export holding on a phone (320–360 px) as on a
// screen (1,200–1,280 px): the chart editor, the commune's rows, the standalone HTML page and
// the code to put on the commune's website — each inside the viewport and passing axe-core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ARTIFACTS, CarnetPage, TEST_DATA } from "./carnet-page.mjs";
import { AXE, assertClean, axe, outside, useApp } from "./harness.mjs";

const FILOSOFI_2021 = join(TEST_DATA, "cc_filosofi_2021_COM.csv");
const NNBSP = "\u202f";
const app = useApp();

/** How much wider than the viewport the page is. */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
  const at = `${viewport.width} px`;
  test(`Sailly-lez-Lannoy's first chart in words, from zero, the journey as steps, at ${at}`, async () => {
    const carnet = await CarnetPage.open(app.browser, app.url, { initScripts: [AXE], viewport });
    const page = carnet.page;
    const journey = page.getByRole("navigation", { name: "Étapes du dossier" });
    const current = journey.locator('a[aria-current="step"]');
    assert.equal(await current.getAttribute("href"), "#step-file", "the first step to do: the files");
    await carnet.showSailly(FILOSOFI_2021, "MED21");

    // No dictionary read: the indicator, the title, the alternative and the axis speak words and units.
    const chosen = page.getByLabel("Indicateur à représenter").locator("option:checked");
    assert.equal(await chosen.innerText(), "Médiane du niveau de vie (€) · MED21");
    const option = await page.evaluate(() => {
      const o = window.echarts.getInstanceByDom(document.querySelector(".chart")).getOption();
      return { title: o.title[0].text, min: o.yAxis[0].min, scale: o.yAxis[0].scale ?? false, label: o.yAxis[0].axisLabel.formatter(29860) };
    });
    assert.deepEqual(option, { title: "Médiane du niveau de vie (€) en 2021", min: undefined, scale: false, label: `29${NNBSP}860\u00a0€` });
    const axisFrom = await page.evaluate(() => window.echarts.getInstanceByDom(document.querySelector(".chart")).getModel().getComponent("yAxis").axis.scale.getExtent()[0]);
    assert.equal(axisFrom, 0, "bars start at zero");
    assert.equal(
      await page.locator("#chart-alt").innerText(),
      `Médiane du niveau de vie (€) en 2021 à Sailly-lez-Lannoy : 29${NNBSP}860\u00a0€. Source : Insee, Filosofi 2021.`,
    );
    assert.equal(await page.getByText(/aucun nombre/).count(), 0, "no false « aucun nombre » for a median");
    // The tooltips answer the keyboard: the chart takes the focus, → shows the first value.
    await page.evaluate(() => {
      window.carnetTips = [];
      window.echarts.getInstanceByDom(document.querySelector(".chart")).on("showTip", (e) => window.carnetTips.push(e.dataIndex));
    });
    await page.locator(".chart").focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => window.carnetTips.length > 0);
    assert.equal(await page.evaluate(() => window.carnetTips[0]), 0, "the first value's tooltip");
    assert.equal(await page.locator("#chart-tip").textContent(), `Sailly-lez-Lannoy : 29${NNBSP}860\u00a0€`, "said to screen readers");
    await page.keyboard.press("Escape");

    // The journey says where each step stands; the next one to do is publication.
    const states = await journey.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("aria-label") ?? a.textContent.replace(/\s+/g, " ").trim()));
    assert.deepEqual(states, [
      "1Fichiers : fait, 1 fichier ✓", "2Territoire : fait, Sailly-lez-Lannoy ✓", "3Tableau : fait, 18 indicateurs ✓",
      "4Graphiques : fait, 1 affiché ✓", "5Publication : à préparer",
    ]);
    assert.equal(await current.getAttribute("href"), "#step-publish");
    await journey.getByRole("link", { name: /Graphiques/ }).click();
    await page.waitForFunction(() => location.hash === "#step-chart");

    // The commune's rows and the chart editor hold on the screen: nothing outside the viewport.
    await page.getByRole("button", { name: "Modifier le graphique" }).click();
    await page.getByLabel("Titre", { exact: true }).fill("Le revenu médian des habitants de Sailly-lez-Lannoy, comparé année après année à celui de la Métropole");
    await page.getByLabel("Titre", { exact: true }).press("Tab");
    await page.waitForFunction(() => window.echarts.getInstanceByDom(document.querySelector(".chart"))?.getOption().title[0].text.startsWith("Le revenu médian"));
    await page.locator('.chart[data-rendered="true"]').waitFor();
    assert.deepEqual(await outside(page, ".chart-panel *, .selection *, .journey li"), [], "inside the viewport");
    assert.ok((await overflow(page)) <= 0, `the page is ${await overflow(page)} px wider than the screen`);
    // A title longer than the chart wraps, never cut: the chart grows for its lines.
    const title = await page.evaluate(() => {
      const el = document.querySelector(".chart");
      const t = window.echarts.getInstanceByDom(el).getOption().title[0];
      return { overflow: t.textStyle.overflow, height: el.clientHeight };
    });
    assert.equal(title.overflow, "break");
    if (viewport.width === 360) assert.ok(title.height > 320, `the chart grew for the title's lines: ${title.height}`);
    const cell = page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).getByRole("cell", { name: /^71,0$/ });
    assert.equal(await cell.count(), 1, "71,0 shown with its decimal");
    await axe(carnet, `éditeur du graphique, ${at}`);
    await carnet.screenshot(`c0-editeur-${viewport.width}`, ".chart-panel");
    await carnet.screenshot(`c1-lignes-commune-${viewport.width}`, 'section[aria-labelledby="step-commune"]');
    await carnet.screenshot(`c2-etapes-${viewport.width}`, ".journey");

    // The code for the commune's website: the image, its alternative, source and date, no script.
    await page.getByText("Intégrer le graphique au site de la commune").click();
    const code = await page.getByLabel(/^Code à intégrer/).inputValue();
    assert.match(code, /^<figure[^>]*>\n<img src="graphique_MED21_59522@2x\.png" alt="Le revenu médian des habitants/);
    assert.match(code, /<figcaption>Source : Insee, Filosofi 2021 · Graphique réalisé avec Carnet le \d{1,2}(er)? [a-zéû]+ \d{4}\.<\/figcaption>/);
    assert.ok(!code.includes("<script"), "no script for a CMS to refuse");
    await axe(carnet, `code à intégrer, ${at}`);
    assertClean(carnet);
    await page.context().close();
  });
}

test("the standalone HTML page holds its title, source and every value at 320 px and 1,200 px, offline", async () => {
  const carnet = await CarnetPage.open(app.browser, app.url);
  const page = carnet.page;
  await carnet.showSailly(FILOSOFI_2021, "MED21");
  await page.getByLabel("Type de graphique").selectOption("ranking");
  await page.waitForFunction(() => /^Sailly-lez-Lannoy se classe/.test(document.getElementById("chart-alt")?.innerText ?? ""));
  const html = await carnet.download("Télécharger la page HTML autonome");
  const dir = mkdtempSync(join(tmpdir(), "carnet-page-"));
  const path = join(dir, html.name);
  writeFileSync(path, html.bytes);
  assertClean(carnet);
  await page.context().close();

  for (const width of [320, 1200]) {
    const context = await app.browser.newContext({ locale: "fr-FR", viewport: { width, height: 800 } });
    const requests = [];
    await context.route("**/*", (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith("file:") ? route.continue() : route.abort();
    });
    await context.addInitScript({ path: AXE });
    const offline = await context.newPage();
    const errors = [];
    offline.on("pageerror", (e) => errors.push(e.message));
    await offline.goto(pathToFileURL(path).href);
    await offline.waitForFunction(() => document.getElementById("chart")?.dataset.rendered === "true");
    assert.equal(await offline.getByRole("heading", { level: 1 }).innerText(), "Médiane du niveau de vie (€) en 2021");
    assert.match(await offline.locator(".credit").innerText(), /^Source : Insee, Filosofi 2021 · Graphique réalisé avec Carnet le /);
    const rows = await offline.getByRole("row").count();
    assert.ok(rows > 90, `the ranking's ${rows - 1} communes in the table`);
    assert.deepEqual(await outside(offline, "h1, .credit, .chart, th, td"), [], `inside ${width} px`);
    assert.ok((await overflow(offline)) <= 0, `the page is ${await overflow(offline)} px wider than ${width} px`);
    const violations = await offline.evaluate(async () => (await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] } })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
    assert.deepEqual(violations, [], `axe-core on the standalone page at ${width} px`);
    assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), [], "no request to any server");
    assert.deepEqual(errors, []);
    await offline.screenshot({ path: join(ARTIFACTS, `c3-page-autonome-${width}.png`), fullPage: width === 320 });
    await context.close();
  }
});
