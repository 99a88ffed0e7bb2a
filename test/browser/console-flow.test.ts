import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { launchBrowser, openConsole, signIn, type ConsolePage } from "../support/browser.js";
import { startFakeTracker, type FakeTracker } from "../support/fake-trackers/index.js";
import { INGEST, reportInput } from "../support/fixtures.js";
import { CONNECT, SELF_HOSTED } from "../support/provider-export.js";
import { startTestServer, type TestServer } from "../support/server.js";

const GITHUB_TOKEN = `ghp_${"A1b2C3d4E5".repeat(3)}123456`;
const PRIVATE_LINK = "file:///var/lib/scanner/captures/session-7.har";

/** Four sources: clean, one with a secret in its description, one with a private evidence link, clean. */
function scanInput() {
  const input = reportInput("weekly-scan", 4);
  input.sources[1].description = `The deploy log prints ${GITHUB_TOKEN} on every build.`;
  input.sources[2].evidenceLinks = [
    { label: "Screenshot", url: "https://evidence.example.com/2.png" },
    { label: "Raw capture", url: PRIVATE_LINK },
  ];
  return input;
}

const SOURCES = /* GraphQL */ `
  query($reportId: ID!) { exportSources(reportId: $reportId) { edges { node { id sourceId duplicateKey { fingerprint label } } } } }
`;

/** Form controls and buttons with no accessible name (no label, aria-label or text), as `tag#id`. */
const unlabelledControls = (page: Page) =>
  page.evaluate<string[]>(`[...document.querySelectorAll("input, select, textarea, button")]
    .filter((control) => !(control.labels?.length || control.getAttribute("aria-label") || control.textContent.trim()))
    .map((control) => control.tagName.toLowerCase() + "#" + control.id)`);

describe("the ticket-exports page in Chromium (PGlite)", () => {
  let api: TestServer;
  let browser: Browser;
  let ui: ConsolePage;
  let fake: FakeTracker;
  let operator: string;
  let reportId: string;
  let keys: Map<string, { fingerprint: string; label: string }>;

  beforeAll(async () => {
    [api, browser, fake] = await Promise.all([startTestServer(backends[0], SELF_HOSTED), launchBrowser(), startFakeTracker("GITHUB")]);
    operator = await api.token("acme", "operator");
    const admin = await api.token("acme", "admin");
    reportId = (await api.ok(operator, INGEST, { input: scanInput() })).ingestReport.id;
    const { exportSources } = await api.ok(operator, SOURCES, { reportId });
    keys = new Map(exportSources.edges.map((edge: any) => [edge.node.sourceId, edge.node.duplicateKey]));
    // A tracker is connected: a file is then made only for a recorded customer requirement.
    await api.ok(admin, CONNECT, { input: { ...fake.connection, name: "Web team GitHub" } });
    ui = await openConsole(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await fake?.close();
    await api?.close();
  });

  it("signs in with a pasted token and lists the reports with counts per export status", async () => {
    await signIn(ui.page, api.url, operator);
    const card = ui.page.locator(".report-card", { hasText: "Scan weekly-scan" });
    await card.waitFor();
    expect(await card.locator('[data-status="NOT_EXPORTED"] dd').textContent()).toBe("4");
    await ui.screenshot("flow-01-reports");
    await card.getByRole("link").click();
    await ui.page.waitForURL(`**/reports/${reportId}/ticket-exports`);
    await ui.page.locator("tr[data-source-id]").first().waitFor();
    await ui.screenshot("flow-02-report");
    expect(ui.problems).toEqual([]);
  });

  it("walks steps 1 to 6: sources, the recorded requirement, the format, a masked preview, the acknowledgement and the file", async () => {
    const { page } = ui;
    const step = (number: number) => page.locator(`li.step[data-step="${number}"]`);
    // The keyboard alone: Space ticks a checkbox, Enter presses a button.
    for (const sourceId of ["src-0", "src-1", "src-2"]) {
      await page.locator(`tr[data-source-id="${sourceId}"]`).getByRole("checkbox").focus();
      await page.keyboard.press("Space");
    }
    await page.getByText("3 selected").waitFor();
    await ui.screenshot("flow-03-step1-selected");

    // Step 2: a tracker is usable, so the file needs the customer's requirement on record.
    await step(2).getByRole("button", { name: "Check native export for 3 sources" }).focus();
    await page.keyboard.press("Enter");
    await step(2).locator('td[data-outcome="PROVIDER_NATIVE"]').first().waitFor();
    expect(await step(3).getAttribute("data-state")).toBe("locked");
    await step(2).getByLabel("Why the customer requires a file").fill("The customer imports into an air-gapped Jira.");
    await step(2).getByRole("button", { name: "Record the customer's requirement" }).click();
    await step(2).locator('[data-reason="PORTABLE_EXPORT_REQUIRED"]').first().waitFor();
    expect(await step(2).locator("td[data-outcome]").evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-outcome")))).not.toContain(
      "PROVIDER_NATIVE",
    );
    await ui.screenshot("flow-04-step2-decision");

    // Step 3: a format and the tracker the customer imports into.
    await step(3).getByLabel("CSV").check();
    await step(3).getByLabel("Tracker the customer imports into").selectOption("JIRA");
    await ui.screenshot("flow-05-step3-format");

    // Step 4: the preview masks the secret, leaves the private link out, and blocks until redaction is asked for.
    await step(4).getByRole("button", { name: "Preview the file" }).click();
    const findings = step(4).locator("table.findings");
    await findings.waitFor();
    expect(await findings.innerText()).toContain("src-1");
    expect(await step(4).locator("table.dropped").innerText()).toMatch(/src-2\s+evidenceLinks\[1\]/);
    expect(await step(5).getByRole("checkbox").isDisabled()).toBe(true);
    await step(3).getByLabel(/Redact findings/).check();
    await step(4).getByRole("button", { name: "Preview the file" }).click();
    await step(4).getByText("Safe to share").waitFor();
    const items = step(4).locator("table.items tbody tr");
    expect(await items.count()).toBe(3);
    expect(await step(4).locator("[data-fingerprint]").evaluateAll((codes) => codes.map((code) => code.getAttribute("data-fingerprint")))).toEqual(
      ["src-0", "src-1", "src-2"].map((id) => keys.get(id)!.fingerprint),
    );
    await ui.screenshot("flow-06-step4-preview");
    const html = await page.content();
    expect(html).not.toContain(GITHUB_TOKEN);
    expect(html).not.toContain(PRIVATE_LINK);

    // Step 5 opens only now; step 6 waits for it.
    const make = step(6).getByRole("button", { name: "Make the file" });
    expect(await make.isDisabled()).toBe(true);
    await step(5).getByRole("checkbox").check();
    await ui.screenshot("flow-07-step5-acknowledged");

    // Step 6: the file's ids and fingerprints are on the page before its download opens.
    await make.click();
    const file = step(6).locator("article.file");
    await file.waitFor();
    const shown = await file.locator("table.items tbody tr").evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute("data-source-id"), row.querySelector("[data-fingerprint]")?.getAttribute("data-fingerprint")]),
    );
    expect(shown).toEqual(["src-0", "src-1", "src-2"].map((id) => [id, keys.get(id)!.fingerprint]));
    const exportId = (await file.getAttribute("data-export-id"))!;
    const { portableExport } = await api.ok(operator, `query($id: ID!) { portableExport(id: $id) { sha256 byteSize fileName } }`, {
      id: exportId,
    });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      file.getByRole("button", { name: `Download ${portableExport.fileName}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(portableExport.fileName);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.length).toBe(portableExport.byteSize);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(portableExport.sha256);
    const text = bytes.toString("utf8");
    for (const id of ["src-0", "src-1", "src-2"]) expect(text).toContain(keys.get(id)!.fingerprint);
    expect(text).not.toContain(GITHUB_TOKEN);
    await file.getByText("Its sha256 matches the recorded one.").waitFor();
    await ui.screenshot("flow-08-step6-downloaded");
    expect(await unlabelledControls(page), "controls without an accessible name").toEqual([]);
    expect(ui.problems).toEqual([]);
  });

  it("exports natively later in step 7: the ticket the customer imported is linked, then updated, then left alone", async () => {
    const { page } = ui;
    const step7 = page.locator('li.step[data-step="7"]');
    // The customer imported src-0 from the file by hand: its ticket carries the fingerprint label.
    fake.addIssue({ title: "Finding 0", labels: [keys.get("src-0")!.label] });
    for (const sourceId of ["src-1", "src-2"]) await page.locator(`tr[data-source-id="${sourceId}"]`).getByRole("checkbox").uncheck();
    await page.locator('tr[data-source-id="src-3"]').getByRole("checkbox").check();
    await step7.getByLabel(/Web team GitHub/).check();
    const results = async (policy: "UPDATE" | "BLOCK") => {
      await step7.getByLabel(policy === "UPDATE" ? "Update the linked ticket" : /^Block/).check();
      const button = step7.getByRole("button", { name: "Export 2 sources natively" });
      await Promise.all([page.waitForResponse((response) => response.request().postData()?.includes("exportToProvider") ?? false), button.click()]);
      // The button reads "Exporting…" until the results are on the page.
      await button.waitFor();
      return step7.locator("table.deliveries tbody tr").evaluateAll((rows) =>
        rows.map((row) => `${row.querySelector("code")?.textContent} ${row.getAttribute("data-action")}`),
      );
    };
    expect(await results("UPDATE")).toEqual(["src-0 LINKED", "src-3 CREATED"]);
    await ui.screenshot("flow-09-step7-linked");
    expect(await results("UPDATE")).toEqual(["src-0 UPDATED", "src-3 UPDATED"]);
    expect(await results("BLOCK")).toEqual(["src-0 BLOCKED_DUPLICATE", "src-3 BLOCKED_DUPLICATE"]);
    // One ticket per source, whatever was asked: the hand-imported one and one created.
    expect(fake.issues).toHaveLength(2);
    await ui.screenshot("flow-10-step7-blocked");
    expect(ui.problems).toEqual([]);
  });
});
