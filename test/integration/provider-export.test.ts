import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { positives } from "../fixtures/safety-corpus.js";
import { backends } from "../support/backends.js";
import { FAKE_PROVIDERS } from "../support/fake-trackers/index.js";
import { INGEST, reportInput } from "../support/fixtures.js";
import { EXPORT_TO_PROVIDER, expectLabelsOn, operations, providerSuite, shownText, type Scenario } from "../support/provider-export.js";

const GITHUB_TOKEN = positives.flatMap((positive) => positive.expect).find((expectation) => expectation.rule === "github-token")!.value;

describe.each(backends)("provider-native export on $name", (backend) => {
  const suite = providerSuite(backend);
  const scenario = suite.scenario.bind(suite);

  describe.each(FAKE_PROVIDERS)("to %s", (provider) => {
    /** Creates the first source's ticket and returns the scenario with that first attempt. */
    const created = async () => {
      const world = await scenario(provider);
      const [attempt] = await world.exportTo([world.sourceIds[0]]);
      expect(attempt.action).toBe("CREATED");
      return { world, attempt };
    };

    it("creates one ticket carrying the fingerprint label, the source id and the fingerprint, and links the key to it", async () => {
      const world = await scenario(provider, { count: 2 });
      const before = await world.source();
      expect(before).toMatchObject({ exportStatus: "NOT_EXPORTED", remediationStatus: "OPEN", duplicateKey: { providerTicket: null } });

      const attempts = await world.exportTo([world.sourceIds[0]]);

      expect(world.fake.issues).toHaveLength(1);
      const [ticket] = world.fake.issues;
      expect(ticket.title).toBe("Finding 0");
      expectLabelsOn(world.fake, ticket, [before.duplicateKey.label, "web", "group-0"]);
      expect(ticket.body).toContain("src-0");
      expect(ticket.body).toContain(before.duplicateKey.fingerprint);
      expect(operations(provider, world.fake).filter((operation) => operation === "create")).toEqual(["create"]);

      expect(attempts).toEqual([
        {
          id: expect.any(String),
          action: "CREATED",
          externalKey: ticket.key,
          externalUrl: ticket.url,
          error: null,
          createdAt: expect.any(String),
          source: { id: world.sourceIds[0], exportStatus: "PROVIDER_EXPORTED", remediationStatus: "OPEN" },
          target: { id: world.targetId, state: "ACTIVE" },
        },
      ]);
      const after = await world.source();
      expect(after).toMatchObject({
        exportStatus: "PROVIDER_EXPORTED",
        remediationStatus: "OPEN",
        duplicateKey: { providerTicket: { provider, key: ticket.key, url: ticket.url, target: { id: world.targetId } } },
        ticketExports: [{ id: attempts[0].id, action: "CREATED", externalKey: ticket.key, externalUrl: ticket.url, error: null }],
      });
      // The report's other source was not part of the call and stays as it was.
      expect(await world.source(world.sourceIds[1])).toMatchObject({ exportStatus: "NOT_EXPORTED", ticketExports: [] });
      expect(await world.events()).toEqual([
        `NOT_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->PROVIDER_EXPORTED ticket-export:${attempts[0].id}`,
      ]);
      world.expectCredentialKept();
    });

    it("updates the linked ticket with re-ingested content under onDuplicate UPDATE instead of creating another", async () => {
      const { world, attempt: first } = await created();
      expect(world.fake.issues[0].body).toContain("Description of finding 0.");
      await world.revise("Renamed finding", "The search box reflects the query unescaped.");
      const requestsBefore = world.fake.requests.length;

      const [second] = await world.exportTo([world.sourceIds[0]], "UPDATE");

      expect(world.fake.issues).toHaveLength(1);
      const [ticket] = world.fake.issues;
      expect(second).toMatchObject({
        action: "UPDATED",
        externalKey: ticket.key,
        externalUrl: ticket.url,
        error: null,
        source: { exportStatus: "PROVIDER_UPDATED", remediationStatus: "OPEN" },
      });
      expect(first.externalKey).toBe(ticket.key);
      expect(ticket.title).toBe("Renamed finding");
      expect(ticket.body).toContain("The search box reflects the query unescaped.");
      expect(ticket.body).not.toContain("Description of finding 0.");
      const { duplicateKey } = await world.source();
      expectLabelsOn(world.fake, ticket, [duplicateKey.label]);
      expect(ticket.body).toContain(duplicateKey.fingerprint);
      expect(operations(provider, world.fake, requestsBefore)).toContain("update");
      expect(operations(provider, world.fake, requestsBefore)).not.toContain("create");
      expect(await world.events()).toEqual([
        `NOT_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->PROVIDER_EXPORTED ticket-export:${first.id}`,
        `PROVIDER_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->PROVIDER_UPDATED ticket-export:${second.id}`,
      ]);
      const source = await world.source();
      expect(source.remediationStatus).toBe("OPEN");
      expect(source.ticketExports.map((row) => row.action)).toEqual(["CREATED", "UPDATED"]);
      world.expectCredentialKept();
    });

    it("blocks a second export under onDuplicate BLOCK without calling the tracker", async () => {
      const { world, attempt: first } = await created();
      await world.revise("Renamed but blocked", "Changed, but the ticket is left alone.");
      const requestsBefore = world.fake.requests.length;

      const [second] = await world.exportTo([world.sourceIds[0]], "BLOCK");

      expect(second).toMatchObject({
        action: "BLOCKED_DUPLICATE",
        externalKey: first.externalKey,
        externalUrl: first.externalUrl,
        source: { exportStatus: "DUPLICATE_BLOCKED", remediationStatus: "OPEN" },
      });
      expect(world.fake.requests).toHaveLength(requestsBefore);
      expect(world.fake.issues).toHaveLength(1);
      expect(world.fake.issues[0]).toMatchObject({ title: "Finding 0", body: expect.stringContaining("Description of finding 0.") });
      expect(await world.events()).toEqual([
        `NOT_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->PROVIDER_EXPORTED ticket-export:${first.id}`,
        `PROVIDER_EXPORTED->PROVIDER_PENDING provider-export:${world.targetId}`,
        `PROVIDER_PENDING->DUPLICATE_BLOCKED ticket-export:${second.id}`,
      ]);
      world.expectCredentialKept();
    });

    it("shows the source id, the fingerprint and the description in the ticket exactly as written, punctuation included", async () => {
      const world = await scenario(provider);
      const input = reportInput(`${world.org}-punctuation`, 1);
      input.sources[0].sourceId = "scan:42/xss_[q]*";
      input.sources[0].description = 'Reflected <b>input</b> in *search* when q_param="1" [twice].';
      const { ingestReport } = await world.ok(world.operator, INGEST, { input });
      const { exportSources } = await world.ok(
        world.operator,
        `query($r: ID!) { exportSources(reportId: $r) { edges { node { id duplicateKey { fingerprint } } } } }`,
        { r: ingestReport.id },
      );
      const [{ node }] = exportSources.edges;

      const [attempt] = await world.exportTo([node.id]);

      expect(attempt.action).toBe("CREATED");
      const shown = shownText(provider, world.fake.issues[0]);
      expect(shown).toContain("Source ID: scan:42/xss_[q]*\n");
      expect(shown).toContain(`Fingerprint: ${node.duplicateKey.fingerprint}\n`);
      expect(shown).toContain('Reflected <b>input</b> in *search* when q_param="1" [twice].\n');
    });

    it("refuses a source with a secret in its description, or disguised in its title, without sending anything to the tracker, marking it UNSAFE_BLOCKED", async () => {
      const world = await scenario(provider);
      const input = reportInput(`${world.org}-unsafe`, 1);
      input.sources[0].sourceId = "unsafe-0";
      input.sources[0].description = `A personal access token ${GITHUB_TOKEN} was committed to the public bundle.`;
      // The same token disguised: a Cyrillic letter in its prefix and a zero-width space inside it.
      const disguised = `gh\u0440_${GITHUB_TOKEN.slice(4, 12)}\u200B${GITHUB_TOKEN.slice(12)}`;
      input.sources[0].title = `Token ${disguised} in the bundle`;
      const { ingestReport } = await world.ok(world.operator, INGEST, { input });
      const { exportSources } = await world.ok(world.operator, `query($r: ID!) { exportSources(reportId: $r) { edges { node { id } } } }`, {
        r: ingestReport.id,
      });
      const unsafeId = exportSources.edges[0].node.id;
      const requestsBefore = world.fake.requests.length;

      const [attempt] = await world.exportTo([unsafeId]);

      expect(attempt).toMatchObject({
        action: "FAILED",
        externalKey: null,
        externalUrl: null,
        source: { id: unsafeId, exportStatus: "UNSAFE_BLOCKED", remediationStatus: "OPEN" },
        target: { id: world.targetId, state: "ACTIVE" },
      });
      expect(attempt.error).toContain("UNSAFE_PREVIEW_BLOCKED");
      expect(attempt.error).toContain("description");
      expect(attempt.error).toContain("title");
      expect(JSON.stringify(world.responses)).not.toContain(GITHUB_TOKEN);
      expect(JSON.stringify(world.responses)).not.toContain(GITHUB_TOKEN.slice(12));
      expect(world.fake.requests).toHaveLength(requestsBefore);
      expect(world.fake.issues).toHaveLength(0);
      // Straight from NOT_EXPORTED: the tracker was never called, so the source never was PROVIDER_PENDING.
      const log = await suite.api.ok(world.viewer, `query($r: ID!) { exportStatusEvents(reportId: $r) { from to cause } }`, { r: ingestReport.id });
      expect(log.exportStatusEvents).toEqual([{ from: "NOT_EXPORTED", to: "UNSAFE_BLOCKED", cause: `ticket-export:${attempt.id}` }]);
    });
  });

  it("exports each of several sources in one call to its own ticket", async () => {
    const world = await scenario("GITLAB", { count: 3 });
    const attempts = await world.exportTo(world.sourceIds);
    expect(attempts.map((attempt) => [attempt.source.id, attempt.action])).toEqual(world.sourceIds.map((id) => [id, "CREATED"]));
    expect(world.fake.issues.map((issue) => issue.title)).toEqual(["Finding 0", "Finding 1", "Finding 2"]);
    expect(attempts.map((attempt) => attempt.externalKey)).toEqual(world.fake.issues.map((issue) => issue.key));
    for (const [index, issue] of world.fake.issues.entries()) {
      const { duplicateKey } = await world.source(world.sourceIds[index]);
      expect(issue.labels).toContain(duplicateKey.label);
      expect(issue.body).toContain(`src-${index}`);
    }
  });

  it("blocks a source already linked on another target instead of making a second ticket there", async () => {
    const world = await scenario("GITHUB");
    const [first] = await world.exportTo([world.sourceIds[0]]);
    const gitlab = await scenario("GITLAB", { connect: false });
    const { connectProviderTarget: other } = await world.ok(world.admin, `mutation($input: ConnectProviderTargetInput!) { connectProviderTarget(input: $input) { id } }`, {
      input: { ...gitlab.fake.connection, name: "Second tracker" },
    });
    const requestsBefore = gitlab.fake.requests.length;

    const [second] = await world.exportTo([world.sourceIds[0]], "UPDATE", other.id);

    expect(second).toMatchObject({
      action: "BLOCKED_DUPLICATE",
      externalKey: first.externalKey,
      externalUrl: first.externalUrl,
      source: { exportStatus: "DUPLICATE_BLOCKED" },
      target: { id: other.id },
    });
    expect(gitlab.fake.requests).toHaveLength(requestsBefore);
    expect(gitlab.fake.issues).toHaveLength(0);
    expect((await world.source()).duplicateKey.providerTicket).toMatchObject({ provider: "GITHUB", key: first.externalKey, target: { id: world.targetId } });
  });

  it("answers NOT_FOUND for another organization's target or source, FORBIDDEN for a viewer and BAD_USER_INPUT for a bad list, calling no tracker", async () => {
    const world = await scenario("GITHUB");
    const stranger = await scenario("GITHUB");
    const input = (targetId: string) => ({ input: { sourceIds: [world.sourceIds[0]], targetId, onDuplicate: "UPDATE" } });
    const before = [world.fake.requests.length, stranger.fake.requests.length];

    const foreign = await world.graphql(world.operator, EXPORT_TO_PROVIDER, input(stranger.targetId));
    expect(foreign.data).toBeNull();
    expect(foreign.errors?.map((error) => error.extensions?.code)).toEqual(["NOT_FOUND"]);
    const malformed = await world.graphql(world.operator, EXPORT_TO_PROVIDER, input("not-a-target"));
    expect(malformed.errors?.map((error) => error.extensions?.code)).toEqual(["NOT_FOUND"]);
    const viewer = await world.graphql(world.viewer, EXPORT_TO_PROVIDER, input(world.targetId));
    expect(viewer.data).toBeNull();
    expect(viewer.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
    // Another organization's source is not found either, even through its own target.
    const foreignSource = await stranger.graphql(stranger.operator, EXPORT_TO_PROVIDER, {
      input: { sourceIds: [world.sourceIds[0]], targetId: stranger.targetId, onDuplicate: "UPDATE" },
    });
    expect(foreignSource.errors?.map((error) => error.extensions?.code)).toEqual(["NOT_FOUND"]);

    const empty = await world.graphql(world.operator, EXPORT_TO_PROVIDER, {
      input: { sourceIds: [], targetId: world.targetId, onDuplicate: "UPDATE" },
    });
    expect(empty.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    const twice = await world.graphql(world.operator, EXPORT_TO_PROVIDER, {
      input: { sourceIds: [world.sourceIds[0], world.sourceIds[0]], targetId: world.targetId, onDuplicate: "UPDATE" },
    });
    expect(twice.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);

    expect([world.fake.requests.length, stranger.fake.requests.length]).toEqual(before);
    const source = await world.source();
    expect(source).toMatchObject({ exportStatus: "NOT_EXPORTED", ticketExports: [] });
    expect(await world.events()).toEqual([]);
  });

  it("never changes remediation status, whatever the export does", async () => {
    const world: Scenario = await scenario("JIRA");
    // The scanner's side moved the source on; exports must leave that alone.
    await suite.api.server.services.database.rows(
      sql`update export_sources set remediation_status = 'IN_PROGRESS' where id = ${world.sourceIds[0]}`,
    );
    await world.exportTo([world.sourceIds[0]]);
    await world.exportTo([world.sourceIds[0]], "UPDATE");
    await world.exportTo([world.sourceIds[0]], "BLOCK");
    const source = await world.source();
    expect(source.ticketExports.map((row) => row.action)).toEqual(["CREATED", "UPDATED", "BLOCKED_DUPLICATE"]);
    expect(source.remediationStatus).toBe("IN_PROGRESS");
  });
});
