import { createPubSub } from "@graphql-yoga/subscription";
import { describe, expect, it } from "vitest";
import { StatusFeed, type StatusPubSub } from "../../src/modules/export-status/status-feed.js";
import { STATUS_TOPIC, type RelayedEvent } from "../../src/modules/export-status/status-event-target.js";

/** An EventTarget that counts its listeners per type, behind a real yoga PubSub. */
function countingTarget() {
  const target = new EventTarget();
  const listening = new Map<string, number>();
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  target.addEventListener = (type, listener, options) => {
    listening.set(type, (listening.get(type) ?? 0) + 1);
    add(type, listener, options);
  };
  target.removeEventListener = (type, listener, options) => {
    listening.set(type, (listening.get(type) ?? 0) - 1);
    remove(type, listener, options);
  };
  const pubSub = createPubSub({ eventTarget: target }) as StatusPubSub;
  return { pubSub, listening: (organizationId: string) => listening.get(`${STATUS_TOPIC}:${organizationId}`) ?? 0 };
}

const event = (organizationId: string, cursor: number) => ({ organizationId, cursor: String(cursor) }) as RelayedEvent;
/** Lets the feed's relay take what was published. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("StatusFeed", () => {
  it("listens once per organization however many streams join, from the moment the first joins", () => {
    const { pubSub, listening } = countingTarget();
    const feed = new StatusFeed(pubSub);
    feed.subscribe("acme", () => {});
    expect(listening("acme")).toBe(1);
    feed.subscribe("acme", () => {});
    feed.subscribe("globex", () => {});
    expect(listening("acme")).toBe(1);
    expect(listening("globex")).toBe(1);
  });

  it("hands every event of an organization to each of its receivers in order, and none to another's", async () => {
    const { pubSub } = countingTarget();
    const feed = new StatusFeed(pubSub);
    const first: string[] = [];
    const second: string[] = [];
    const other: string[] = [];
    feed.subscribe("acme", (relayed) => first.push(relayed.cursor));
    feed.subscribe("acme", (relayed) => second.push(relayed.cursor));
    feed.subscribe("globex", (relayed) => other.push(relayed.cursor));
    for (const cursor of [1, 2, 3]) pubSub.publish(STATUS_TOPIC, "acme", event("acme", cursor));
    await settle();
    expect(first).toEqual(["1", "2", "3"]);
    expect(second).toEqual(["1", "2", "3"]);
    expect(other).toEqual([]);
  });

  it("stops handing events to a receiver that left, and stops listening when the last one leaves", async () => {
    const { pubSub, listening } = countingTarget();
    const feed = new StatusFeed(pubSub);
    const staying: string[] = [];
    const leaving: string[] = [];
    const leaveStaying = feed.subscribe("acme", (relayed) => staying.push(relayed.cursor));
    const leave = feed.subscribe("acme", (relayed) => leaving.push(relayed.cursor));
    pubSub.publish(STATUS_TOPIC, "acme", event("acme", 1));
    await settle();
    leave();
    pubSub.publish(STATUS_TOPIC, "acme", event("acme", 2));
    await settle();
    expect(leaving).toEqual(["1"]);
    expect(staying).toEqual(["1", "2"]);
    expect(listening("acme")).toBe(1);

    leaveStaying();
    await settle();
    expect(listening("acme")).toBe(0);
  });

  it("listens again for a stream that joins after everyone left", async () => {
    const { pubSub, listening } = countingTarget();
    const feed = new StatusFeed(pubSub);
    feed.subscribe("acme", () => {})();
    await settle();
    const received: string[] = [];
    feed.subscribe("acme", (relayed) => received.push(relayed.cursor));
    expect(listening("acme")).toBe(1);
    pubSub.publish(STATUS_TOPIC, "acme", event("acme", 7));
    await settle();
    expect(received).toEqual(["7"]);
  });
});
