import { describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { download } from "../support/export-status.js";
import { FAKE_PROVIDERS } from "../support/fake-trackers/index.js";
import { INGEST, reportInput } from "../support/fixtures.js";
import { CREATE_PORTABLE, EVALUATE, expectLabelsOn, operations, providerSuite, type Scenario } from "../support/provider-export.js";

/**
 * The move issue 14 promises for every tracker: a source goes out in a portable file, the customer imports it (the
 * fake holds the ticket as that tracker's importer makes it, see FakeTracker.addImported), and a later native export
 * finds that ticket by its fingerprint and links it, instead of making a second one.
 */
describe.each(backends)("from a portable file to native export on $name", (backend) => {
  const suite = providerSuite(backend);
  const scenario = suite.scenario.bind(suite);
  /** The file the service picks for the tracker the scenario's fake plays. */
  const fileFor = async (world: Scenario, sourceId: string): Promise<{ id: string }> => {
    const { createPortableExport } = await world.ok(world.operator, CREATE_PORTABLE, {
      input: { sourceIds: [sourceId], format: "PORTABLE_EXPORT", intendedTracker: world.fake.provider, acknowledgeImportBoundary: true },
    });
    return createPortableExport;
  };

  describe.each(FAKE_PROVIDERS)("in %s", (provider) => {
    it("links a ticket the customer imported by hand from a portable file instead of creating another", async () => {
      // The file is made while no target is connected: the fallback is the product's answer, not a shortcut.
      const world = await scenario(provider, { connect: false });
      const file = await fileFor(world, world.sourceIds[0]);
      await world.connect();
      const { duplicateKey } = await world.source();
      // As the tracker's importer makes it from the file: the label as a label where it keeps one, as text otherwise.
      const imported = world.fake.addImported(duplicateKey.label);
      const requestsBefore = world.fake.requests.length;

      const [attempt] = await world.exportTo([world.sourceIds[0]]);

      expect(attempt).toMatchObject({
        action: "LINKED",
        externalKey: imported.key,
        externalUrl: imported.url,
        error: null,
        source: { exportStatus: "PROVIDER_LINKED", remediationStatus: "OPEN" },
      });
      expect(world.fake.issues).toHaveLength(1);
      expect(world.fake.issues[0]).toMatchObject({ key: imported.key, title: "Finding 0" });
      expectLabelsOn(world.fake, world.fake.issues[0], [duplicateKey.label]);
      expect(world.fake.issues[0].body).toContain(duplicateKey.fingerprint);
      expect(operations(provider, world.fake, requestsBefore)).not.toContain("create");
      expect(operations(provider, world.fake, requestsBefore)).toEqual(expect.arrayContaining(["search", "update"]));
      expect((await world.source()).duplicateKey.providerTicket).toEqual({
        provider,
        key: imported.key,
        url: imported.url,
        target: { id: world.targetId },
      });
      expect(await world.events()).toEqual([
        `NOT_EXPORTED->PORTABLE_READY portable-export:${file.id}`,
        `PORTABLE_READY->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->PROVIDER_LINKED ticket-export:${attempt.id}`,
      ]);

      // Once linked, the key drives later exports: an update of the same ticket, never a search or a second ticket.
      const linkedAt = world.fake.requests.length;
      const [again] = await world.exportTo([world.sourceIds[0]]);
      expect(again).toMatchObject({ action: "UPDATED", externalKey: imported.key });
      expect(world.fake.issues).toHaveLength(1);
      expect(operations(provider, world.fake, linkedAt)).toContain("update");
      expect(operations(provider, world.fake, linkedAt).filter((operation) => operation !== "update" && operation !== "other")).toEqual([]);
      world.expectCredentialKept();
    });

    it("finds the hand-imported ticket of a finding that went out in an earlier report's file, and under BLOCK leaves it as the customer made it", async () => {
      const world = await scenario(provider, { connect: false });
      await fileFor(world, world.sourceIds[0]);
      const { duplicateKey } = await world.source();
      const imported = world.fake.addImported(duplicateKey.label);
      const asImported = structuredClone(imported);
      // The next scan of the site: a new report, a new row for the same finding, under the same duplicate key.
      const { ingestReport } = await world.ok(world.operator, INGEST, { input: reportInput(`${world.externalId}-rescan`, 1) });
      const { exportSources } = await world.ok(world.viewer, `query($r: ID!) { exportSources(reportId: $r) { edges { node { id } } } }`, {
        r: ingestReport.id,
      });
      const rescanned: string = exportSources.edges[0].node.id;
      expect(rescanned).not.toBe(world.sourceIds[0]);
      expect((await world.source(rescanned)).duplicateKey.id).toBe(duplicateKey.id);
      await world.connect();
      const requestsBefore = world.fake.requests.length;

      const [attempt] = await world.exportTo([rescanned], "BLOCK");

      expect(attempt).toMatchObject({
        action: "BLOCKED_DUPLICATE",
        externalKey: imported.key,
        externalUrl: imported.url,
        error: null,
        source: { id: rescanned, exportStatus: "DUPLICATE_BLOCKED" },
      });
      // Found, linked, and neither rewritten nor repeated.
      expect(operations(provider, world.fake, requestsBefore)).toContain("search");
      expect(operations(provider, world.fake, requestsBefore).filter((operation) => operation === "create" || operation === "update")).toEqual([]);
      expect(world.fake.issues).toEqual([asImported]);
      expect((await world.source(rescanned)).duplicateKey.providerTicket).toMatchObject({ key: imported.key, target: { id: world.targetId } });
      world.expectCredentialKept();
    });
  });

  it("makes a file on the customer's recorded requirement while a target works, then under BLOCK links the hand-imported ticket and leaves it alone", async () => {
    const world = await scenario("GITHUB");
    const refused = await world.graphql(world.operator, CREATE_PORTABLE, {
      input: { sourceIds: [world.sourceIds[0]], format: "MARKDOWN_EXPORT", acknowledgeImportBoundary: true },
    });
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(["PROVIDER_NATIVE_AVAILABLE"]);

    const { evaluateFallback } = await world.ok(world.operator, EVALUATE, {
      sourceIds: [world.sourceIds[0]],
      requirePortable: true,
      reason: "The client imports tickets by hand",
    });
    expect(evaluateFallback).toEqual([{ outcome: "PORTABLE_FALLBACK", reason: "PORTABLE_EXPORT_REQUIRED", target: { id: world.targetId } }]);
    const { createPortableExport: file } = await world.ok(world.operator, CREATE_PORTABLE, {
      input: { sourceIds: [world.sourceIds[0]], format: "MARKDOWN_EXPORT", acknowledgeImportBoundary: true },
    });
    await download(suite.api, world.viewer, file.id);
    const { duplicateKey } = await world.source();
    const imported = world.fake.addIssue({ title: "Pasted from the Markdown file", labels: ["security", duplicateKey.label] });
    const asImported = structuredClone(imported);
    const requestsBefore = world.fake.requests.length;

    const [attempt] = await world.exportTo([world.sourceIds[0]], "BLOCK");

    // The customer's ticket is the duplicate BLOCK guards against: found and linked, but neither updated nor repeated.
    expect(attempt).toMatchObject({ action: "BLOCKED_DUPLICATE", externalKey: imported.key, externalUrl: imported.url, error: null });
    expect(operations("GITHUB", world.fake, requestsBefore)).toEqual(["search"]);
    expect(world.fake.issues).toEqual([asImported]);
    const source = await world.source();
    expect(source).toMatchObject({ exportStatus: "DUPLICATE_BLOCKED", remediationStatus: "OPEN" });
    expect(source.duplicateKey.providerTicket).toMatchObject({ key: imported.key, target: { id: world.targetId } });
    expect(await world.events()).toEqual([
      `NOT_EXPORTED->PORTABLE_READY portable-export:${file.id}`,
      `PORTABLE_READY->PORTABLE_DOWNLOADED download:${file.id}`,
      `PORTABLE_DOWNLOADED->PROVIDER_PENDING provider-export:${world.targetId}`,
      `PROVIDER_PENDING->DUPLICATE_BLOCKED ticket-export:${attempt.id}`,
    ]);

    // Linked now: UPDATE rewrites that same ticket, still without a second one.
    const [updated] = await world.exportTo([world.sourceIds[0]], "UPDATE");
    expect(updated).toMatchObject({ action: "UPDATED", externalKey: imported.key });
    expect(world.fake.issues).toHaveLength(1);
    expect(world.fake.issues[0]).toMatchObject({ key: imported.key, title: "Finding 0" });
  });

});
