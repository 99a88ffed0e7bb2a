import type { PubSub } from "@graphql-yoga/subscription";
import { STATUS_TOPIC, type RelayedEvent } from "./status-event-target.js";

export type StatusPubSub = PubSub<{ [STATUS_TOPIC]: [string, RelayedEvent] }>;

type Receiver = (event: RelayedEvent) => void;

interface Feed {
  receivers: Set<Receiver>;
  events: AsyncIterator<RelayedEvent>;
}

/**
 * One PubSub subscription per organization on this instance, shared by every live stream of that organization. The
 * PubSub queues each event once, and the feed hands it to every receiver by a plain call: a thousand dashboards on
 * one report cost one asynchronous step per event instead of a thousand queued pushes (the `npm run bench` P3 case).
 */
export class StatusFeed {
  private readonly feeds = new Map<string, Feed>();

  constructor(private readonly pubSub: StatusPubSub) {}

  /**
   * Calls `receive` with every event of the organization relayed from now on (the PubSub listens before this
   * returns), until the returned function is called. `receive` must not throw; it is called synchronously, in order.
   */
  subscribe(organizationId: string, receive: Receiver): () => void {
    let feed = this.feeds.get(organizationId);
    if (!feed) {
      feed = { receivers: new Set(), events: this.pubSub.subscribe(STATUS_TOPIC, organizationId)[Symbol.asyncIterator]() };
      this.feeds.set(organizationId, feed);
      void this.relay(feed);
    }
    feed.receivers.add(receive);
    const joined = feed;
    return () => {
      joined.receivers.delete(receive);
      if (joined.receivers.size > 0 || this.feeds.get(organizationId) !== joined) return;
      this.feeds.delete(organizationId);
      void joined.events.return?.();
    };
  }

  private async relay(feed: Feed) {
    // The first next() runs the PubSub's executor, which adds its listener to the event target right away.
    for (let step = await feed.events.next(); !step.done; step = await feed.events.next()) {
      for (const receive of feed.receivers) receive(step.value);
    }
  }
}
