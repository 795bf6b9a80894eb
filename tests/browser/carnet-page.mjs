// Page object for Carnet: what a person does, in the words the page shows.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(here, "artifacts");
/** The real INSEE files the tests upload, shipped with the project (see tests/data/README.md). */
export const TEST_DATA = join(here, "..", "data", "insee");

/** Launches Debian's Chromium, headless, with no network of its own. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
      "--no-first-run", "--disable-component-update", "--disable-sync"],
  });
}

export class CarnetPage {
  /** @param {import('playwright-core').Page} page @param {string} baseUrl */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.origin = new URL(baseUrl).origin;
    this.requests = [];
    this.problems = [];
    page.on("request", (r) => this.requests.push(r.url()));
    page.on("console", (m) => { if (m.type() === "error") this.problems.push(`console: ${m.text()}`); });
    page.on("pageerror", (e) => this.problems.push(`pageerror: ${e.message}`));
    page.on("worker", (w) => w.on("console", (m) => { if (m.type() === "error") this.problems.push(`worker: ${m.text()}`); }));
  }

  /** Opens Carnet in a new context; `initScripts` (paths, or Playwright init scripts) run in the page before its own. */
  static async open(browser, baseUrl, { initScripts = [], ...options } = {}) {
    const context = await browser.newContext({ acceptDownloads: true, locale: "fr-FR", viewport: { width: 1280, height: 900 }, ...options });
    // Init scripts come from the browser, not the page: its Content-Security-Policy allows them.
    for (const script of initScripts) await context.addInitScript(typeof script === "string" ? { path: script } : script);
    const page = await context.newPage();
    const carnet = new CarnetPage(page, baseUrl);
    await page.goto(baseUrl);
    await page.getByRole("heading", { name: "Carnet", level: 1 }).waitFor();
    return carnet;
  }

  get fileInput() { return this.page.getByLabel(/^Fichiers à ouvrir/); }
  get commune() { return this.page.getByRole("combobox", { name: /Commune/ }); }
  get detected() { return this.page.getByRole("region", { name: "Format détecté" }); }
  get alert() { return this.page.getByRole("alert").first(); }
  /** The one-line summary of the detection ("Encodage : … · Séparateur : …"). */
  async summary() { return this.detected.locator(".summary").innerText(); }

  /** Corrects a detected setting ("Encodage", "Séparateur", "Décimale") and waits for the re-read. */
  async correct(label, option) {
    const before = await this.summary();
    await this.detected.getByLabel(label, { exact: true }).selectOption({ label: option });
    await this.page.waitForFunction((b) => {
      const s = document.querySelector(".detected .summary");
      return s && s.innerText !== b && !s.closest("[aria-busy='true']");
    }, before);
  }

  /** Picks a file: a path, or { name, mimeType, buffer }. */
  async upload(file) { await this.fileInput.setInputFiles(file); }

  /** Waits for the file read: the region no longer busy with what its head alone showed. */
  async waitDetected() {
    await this.page.locator('section.detected:not([aria-busy="true"])').waitFor({ timeout: 60_000 });
  }

  /** Types into the commune field and picks the suggestion whose text matches `option`. */
  async pickCommune(query, option) {
    await this.commune.fill(query);
    await this.page.getByRole("option", { name: option }).click();
  }

  /** Picks Sailly-lez-Lannoy, loads `file`, waits for its row, and charts `indicator`. */
  async showSailly(file, indicator = "MED20") {
    await this.pickCommune("59522", /Sailly-lez-Lannoy \(59522\)/);
    await this.upload(file);
    await this.page.getByRole("table", { name: /Sailly-lez-Lannoy \(59522\) : 1 ligne/ }).waitFor({ timeout: 60_000 });
    await this.chooseIndicator(indicator);
    await this.page.locator('.chart[data-rendered="true"]').waitFor();
  }

  async chooseIndicator(name) {
    await this.page.getByLabel("Indicateur à représenter").selectOption(name);
  }

  /** Clicks a "Télécharger …" control and returns the download's name, bytes and text. */
  async download(name) {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("button", { name, exact: typeof name === "string" }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    const bytes = Buffer.concat(chunks);
    return { name: download.suggestedFilename(), bytes, text: bytes.toString("utf8") };
  }

  /** Saves a screenshot of the whole page, or of the part `selector` designates, to look at. */
  async screenshot(name, selector) {
    mkdirSync(ARTIFACTS, { recursive: true });
    const path = join(ARTIFACTS, `${name}.png`);
    if (selector) await this.page.locator(selector).first().screenshot({ path });
    else await this.page.screenshot({ path, fullPage: true });
  }

  /** Requests that left the page's origin (blob: and data: URLs stay in the page). */
  foreignRequests() {
    return this.requests.filter((u) => !u.startsWith(this.origin) && !u.startsWith("blob:") && !u.startsWith("data:"));
  }
}
