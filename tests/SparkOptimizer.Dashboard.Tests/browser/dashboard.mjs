// Drives Debian's Chromium through playwright-core against a running dashboard and checks what a user sees.
// Usage: node dashboard.mjs <baseUrl> <runId> <appKey> <expectedApps,comma-separated> <screenshotDir>
// Prints one JSON line: {"ok":bool,"checks":[...],"errors":[...]}; exit code 0 only when every check passed.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(process.env.PLAYWRIGHT_CORE_DIR ? path.join(process.env.PLAYWRIGHT_CORE_DIR, "x.js") : import.meta.url);
const { chromium } = require("playwright-core");

const [base, runId, appKey, expectedApps, shots] = process.argv.slice(2);
const checks = [];
const errors = [];
function check(name, ok, detail) { checks.push({ name, ok: !!ok, detail: detail ?? null }); }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on("console", m => { if (m.type() === "error") errors.push(`console: ${m.text()} @ ${page.url()}`); });
  page.on("pageerror", e => errors.push(`pageerror: ${e.message} @ ${page.url()}`));
  page.on("requestfailed", r => errors.push(`requestfailed: ${r.url()}`));
  page.on("response", r => { if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`); });
  // The pages run under the dashboard's Content-Security-Policy: each document must carry it, and nothing may violate it.
  const documents = [];
  page.on("response", r => { if (r.request().resourceType() === "document") documents.push({ url: r.url(), csp: r.headers()["content-security-policy"] || "" }); });
  await page.addInitScript(() => document.addEventListener("securitypolicyviolation",
    e => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`)));

  // Fleet: every expected app is a row; filtering and sorting work.
  await page.goto(`${base}/`, { waitUntil: "load" });
  const apps = await page.$$eval("#fleet-table tbody tr td:first-child", tds => tds.map(td => td.textContent.trim()));
  for (const name of expectedApps.split(",")) check(`fleet lists ${name}`, apps.includes(name), apps);
  await page.screenshot({ path: path.join(shots, "fleet.png"), fullPage: true });
  await page.getByLabel("Filter apps").fill(expectedApps.split(",")[0]);
  const visible = await page.$$eval("#fleet-table tbody tr", rows => rows.filter(r => !r.hidden).length);
  check("filter narrows the fleet table", visible >= 1 && visible < apps.length, { visible, total: apps.length });
  await page.getByLabel("Filter apps").fill("");
  await page.getByRole("button", { name: "Duration" }).click();
  const sort = await page.$eval("#fleet-table thead th:nth-child(4)", th => th.getAttribute("aria-sort"));
  check("clicking a column header sorts", sort === "ascending", sort);

  // Run: one bar per stage attempt; clicking a finding shows its evidence.
  await page.goto(`${base}/runs/${encodeURIComponent(runId)}`, { waitUntil: "load" });
  const api = await (await page.request.get(`${base}/api/runs/${encodeURIComponent(runId)}/views`)).json();
  const bars = await page.$$eval("#timeline rect.bar", rs => rs.map(r => r.getAttribute("data-stage")));
  check("timeline has one bar per stage attempt", bars.length === api.timeline.length && bars.length > 0 && new Set(bars).size === bars.length,
        { bars: bars.length, stages: api.timeline.length });
  check("critical path is marked", (await page.$$("#timeline rect.bar.critical")).length > 0);
  const finding = page.locator("details.finding").first();
  const evidence = finding.locator("table.evidence");
  check("evidence hidden before click", !(await evidence.isVisible()));
  await finding.locator("summary").click();
  check("clicking a finding shows its evidence", await evidence.isVisible(), await evidence.locator("tbody tr").count());
  check("what-if curve drawn", (await page.$$("#whatif circle.dot")).length > 0);
  for (const id of ["distribution", "utilisation", "memory", "costbreakdown"]) check(`${id} chart drawn`, await page.locator(`#${id}`).isVisible());
  await page.screenshot({ path: path.join(shots, "run.png"), fullPage: true });

  // App: the history chart with one point per run.
  await page.goto(`${base}/apps/${encodeURIComponent(appKey)}`, { waitUntil: "load" });
  const rows = await page.$$eval("table.data tbody tr", r => r.length);
  const dots = await page.$$eval("#history circle.dot.duration", d => d.length);
  check("app history has a point per run", rows > 1 && dots === rows, { rows, dots });
  const app = await (await page.request.get(`${base}/api/apps/${encodeURIComponent(appKey)}`)).json();
  const merges = await page.$$eval("#history .merge-marker", m => m.length);
  check("a marker per merged recommendation", merges === app.annotations.merges.length, { merges, expected: app.annotations.merges.length });
  const predicted = await page.$$eval("#history .predicted", m => m.length);
  check("a mark per prediction", predicted === app.annotations.predictions.length, { predicted, expected: app.annotations.predictions.length });
  await page.screenshot({ path: path.join(shots, "app.png"), fullPage: true });

  // Every control has an accessible name.
  for (const url of [`${base}/`, `${base}/runs/${encodeURIComponent(runId)}`]) {
    await page.goto(url, { waitUntil: "load" });
    const unnamed = await page.$$eval("button, input, summary, a, svg[role=img]", els => els.filter(e => {
      const name = (e.getAttribute("aria-label") || e.textContent || "").trim();
      const label = e.id && document.querySelector(`label[for="${e.id}"]`);
      return !name && !label;
    }).map(e => e.outerHTML.slice(0, 80)));
    check(`controls named on ${url}`, unnamed.length === 0, unnamed);
  }
  const withoutCsp = documents.filter(d => !d.csp.includes("default-src 'self'") || d.csp.includes("unsafe-inline"));
  check("every page was served under the CSP (no unsafe-inline)", documents.length >= 3 && withoutCsp.length === 0, withoutCsp);
} catch (e) {
  errors.push(`script: ${e && e.stack || e}`);
} finally {
  await browser.close();
}
check("no console or page errors", errors.length === 0, errors);
const ok = checks.every(c => c.ok);
console.log(JSON.stringify({ ok, checks, errors }));
process.exit(ok ? 0 : 1);
