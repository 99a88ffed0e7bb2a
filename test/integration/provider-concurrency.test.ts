import { describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { FAKE_PROVIDERS } from "../support/fake-trackers/index.js";
import { operations, providerSuite } from "../support/provider-export.js";

/**
 * One ticket under concurrent exports, for every tracker: the service serialises the exports of one source, and each
 * adapter leaves one ticket behind whatever the interleaving of its calls.
 */
describe.each(backends)("concurrent provider-native exports on $name", (backend) => {
  const suite = providerSuite(backend);
  const scenario = suite.scenario.bind(suite);

  describe.each(FAKE_PROVIDERS)("to %s", (provider) => {
    it("creates exactly one ticket for ten concurrent exports of one source, the others updating or blocking", async () => {
      const world = await scenario(provider);
      const policies = Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? "UPDATE" : "BLOCK") as "UPDATE" | "BLOCK");

      const results = await Promise.all(policies.map((policy) => world.exportTo([world.sourceIds[0]], policy)));

      expect(world.fake.issues).toHaveLength(1);
      expect(operations(provider, world.fake).filter((operation) => operation === "create")).toEqual(["create"]);
      const [ticket] = world.fake.issues;
      const actions = results.map(([attempt]) => attempt.action);
      expect(actions.filter((action) => action === "CREATED")).toHaveLength(1);
      results.forEach(([attempt], index) => {
        const expected = attempt.action === "CREATED" ? "CREATED" : policies[index] === "UPDATE" ? "UPDATED" : "BLOCKED_DUPLICATE";
        expect(attempt).toMatchObject({ action: expected, externalKey: ticket.key, error: null });
      });
      const source = await world.source();
      expect(source.ticketExports).toHaveLength(10);
      expect(source.duplicateKey.providerTicket).toMatchObject({ key: ticket.key, target: { id: world.targetId } });
      // Each attempt went PENDING then to its outcome, one attempt at a time.
      const events = await world.events();
      expect(events).toHaveLength(20);
      const outcomeOf = { CREATED: "PROVIDER_EXPORTED", UPDATED: "PROVIDER_UPDATED", BLOCKED_DUPLICATE: "DUPLICATE_BLOCKED" } as Record<string, string>;
      const byId = new Map(results.map(([attempt]) => [attempt.id, outcomeOf[attempt.action]]));
      let previous = "NOT_EXPORTED";
      for (let index = 0; index < events.length; index += 2) {
        expect(events[index]).toBe(`${previous}->PROVIDER_PENDING provider-export:${world.targetId}`);
        const [, id] = /ticket-export:(\S+)$/.exec(events[index + 1])!;
        expect(events[index + 1]).toBe(`PROVIDER_PENDING->${byId.get(id)} ticket-export:${id}`);
        previous = byId.get(id)!;
      }
      expect(events[1]).toMatch(/^PROVIDER_PENDING->PROVIDER_EXPORTED /);
      world.expectCredentialKept();
    });
  });
});
