import { createServer } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { PHONE, launchBrowser, openConsole, signIn, type ConsolePage } from "../support/browser.js";
import { download, exportPortable, reportWithSources } from "../support/export-status.js";
import { startTestServer, type TestServer } from "../support/server.js";

/** A port nobody listens on now: the server restarts on it, as a real deployment keeps its address. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => probe.once("listening", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const CREATE_TOKEN = /* GraphQL */ `mutation($role: String!) { createApiToken(role: $role) { token apiToken { id } } }`;
const REVOKE = /* GraphQL */ `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`;

describe("live status in the console, in Chromium (PGlite)", () => {
  let api: TestServer;
  let browser: Browser;
  let ui: ConsolePage;
  let admin: string;
  let operator: string;
  let viewer: { token: string; id: string };
  let reportId: string;
  let sourceIds: string[];
  let exportId: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([freePort().then((port) => startTestServer(backends[0], { PORT: String(port) })), launchBrowser()]);
    admin = await api.token("acme", "admin");
    operator = await api.token("acme", "operator");
    const { createApiToken } = await api.ok(admin, CREATE_TOKEN, { role: "viewer" });
    viewer = { token: createApiToken.token, id: createApiToken.apiToken.id };
    ({ reportId, sourceIds } = await reportWithSources(api, operator, "live-scan", 3));
    ui = await openConsole(browser);
    await signIn(ui.page, api.url, viewer.token, `/reports/${reportId}/ticket-exports`);
    await ui.page.locator('p[data-live="live"]').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const row = (sourceId: string) => ui.page.locator(`tr[data-source-id="${sourceId}"]`);
  const event = (cursor: string) => ui.page.locator(`.events li[data-cursor="${cursor}"]`);
  const newestCursor = async () => {
    const { exportStatusEvents } = await api.ok(viewer.token, `query($r: ID!) { exportStatusEvents(reportId: $r, last: 1) { cursor } }`, {
      r: reportId,
    });
    return exportStatusEvents[0].cursor as string;
  };

  it("gives a viewer the page read-only: every action that changes something is unavailable", async () => {
    const { page } = ui;
    await page.getByText("Read only.").waitFor();
    await row("src-0").getByRole("checkbox").check();
    for (const name of ["Check native export for 1 source", "Preview the file", "Make the file", "Export 1 source natively"]) {
      expect(await page.getByRole("button", { name }).isDisabled(), name).toBe(true);
    }
    expect(await page.locator("details.connect").count()).toBe(0);
    await ui.screenshot("live-01-viewer-read-only");
    expect(ui.problems).toEqual([]);
  });

  it("shows a status change made by another client within 2 s, in the timeline, the row and the counts, moving nothing", async () => {
    const shiftsBefore = (await ui.layoutShifts()).length;
    exportId = await exportPortable(api, operator, [sourceIds[0]]);
    // Two seconds from the moment the other client's change is committed.
    await event(await newestCursor()).waitFor({ timeout: 2_000 });
    await row("src-0").locator('[data-status="PORTABLE_READY"]').waitFor({ timeout: 2_000 });
    expect(await ui.page.locator('.counts [data-status="PORTABLE_READY"] dd').textContent()).toBe("1");
    expect(await ui.page.locator('.counts [data-status="NOT_EXPORTED"] dd').textContent()).toBe("2");
    expect((await ui.layoutShifts()).slice(shiftsBefore), "layout shifts while the event arrived").toEqual([]);
    await ui.screenshot("live-02-event-arrived");
    expect(ui.problems).toEqual([]);
  });

  it("says the connection is lost while the server restarts on its port, then replays the changes it missed", async () => {
    const { page } = ui;
    // The test holds the browser's reconnections until the missed changes are made, so that they are replayed.
    let admit = false;
    await page.routeWebSocket(/\/graphql$/, (socket) => {
      if (admit) socket.connectToServer();
      else socket.close({ code: 1013, reason: "held by the test" });
    });
    api = await api.restart();
    await page.locator('p[data-live="lost"]').waitFor();
    await ui.screenshot("live-03-connection-lost");

    await download(api, operator, exportId);
    await exportPortable(api, operator, [sourceIds[1]]);
    const missed = await api.ok(
      viewer.token,
      `query($r: ID!) { exportStatusEvents(reportId: $r, last: 2) { cursor to source { sourceId } } }`,
      { r: reportId },
    );
    expect(missed.exportStatusEvents.map((one: any) => `${one.source.sourceId} ${one.to}`)).toEqual([
      "src-0 PORTABLE_DOWNLOADED",
      "src-1 PORTABLE_READY",
    ]);
    admit = true;
    for (const { cursor } of missed.exportStatusEvents) {
      await event(cursor).waitFor();
      expect(await event(cursor).getAttribute("data-missed")).toBe("true");
    }
    await page.locator('p[data-live="live"]', { hasText: "replayed" }).waitFor();
    await row("src-0").locator('[data-status="PORTABLE_DOWNLOADED"]').waitFor();
    await row("src-1").locator('[data-status="PORTABLE_READY"]').waitFor();
    // Each event once: the replay does not repeat what the page already showed.
    const cursors = await page.locator(".events li[data-cursor]").evaluateAll((items) => items.map((item) => item.getAttribute("data-cursor")));
    expect(new Set(cursors).size).toBe(cursors.length);
    await ui.screenshot("live-04-replayed");
    expect(ui.problems).toEqual([]);
  });

  it("filters the sources by export status, severity and type", async () => {
    const { page } = ui;
    const shown = () => page.locator("table.sources tbody tr").evaluateAll((rows) => rows.map((one) => one.getAttribute("data-source-id")));
    const filter = async (label: string, value: string, expected: string[]) => {
      await page.getByLabel(label, { exact: true }).selectOption(value);
      await expect.poll(shown).toEqual(expected);
    };
    await filter("Export status", "PORTABLE_READY", ["src-1"]);
    await filter("Export status", "", ["src-0", "src-1", "src-2"]);
    await filter("Severity", "MEDIUM", ["src-2"]);
    await filter("Source type", "FIX_TASK", []);
    await filter("Severity", "", ["src-1"]);
    await filter("Source type", "", ["src-0", "src-1", "src-2"]);
  });

  it("fits a 390 px wide screen without sideways scrolling", async () => {
    const phone = await openConsole(browser, PHONE);
    await signIn(phone.page, api.url, operator, `/reports/${reportId}/ticket-exports`);
    await phone.page.locator("tr[data-source-id]").first().waitFor();
    expect(await phone.page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot("live-05-phone");
    expect(phone.problems).toEqual([]);
    await phone.context.close();
  });

  it("ends the session with a clear screen when its token is revoked", async () => {
    await api.ok(admin, REVOKE, { id: viewer.id });
    await ui.page.getByText("Your session ended").waitFor();
    expect(await ui.page.getByLabel("API token").isVisible()).toBe(true);
    expect(await ui.page.evaluate<string | null>("sessionStorage.getItem('ticket-exports.token')")).toBeNull();
    await ui.screenshot("live-06-revoked");
  });
});
