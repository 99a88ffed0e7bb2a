import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { followStatusEvents, type LiveState } from "../api/live";
import { useConsole } from "../context";
import { RecentStatusEventsDocument, type TimelineEventFragment } from "../gql/graphql";
import { ErrorMessage, StatusBadge } from "../ui/components";
import { formatTime } from "../ui/labels";

/** Events shown when the page opens; the subscription continues after the newest of them. */
const RECENT = 50;
/** Events kept on the page; older ones leave the top of the list. */
const KEEP = 500;

interface Shown {
  event: TimelineEventFragment;
  missed: boolean;
}

function describe(state: LiveState): string {
  switch (state.kind) {
    case "connecting":
      return "Connecting to live updates…";
    case "live":
      return state.reconnectedAfter
        ? `Live again since ${formatTime(state.since)}: changes missed since ${formatTime(state.reconnectedAfter)} were replayed.`
        : `Live since ${formatTime(state.since)}.`;
    case "lost":
      return `Connection lost at ${formatTime(state.since)}; reconnecting (attempt ${state.attempt})… Changes made meanwhile will be replayed.`;
    case "failed":
      return `Live updates stopped: ${state.message}`;
  }
}

/**
 * A report's status changes as they happen, from the subscription: the newest at the bottom of a list of fixed
 * height and fixed row height, so an arriving event never moves anything on the page. `onEvent` lets the page update
 * the source and the counts it shows.
 */
export function Timeline({ reportId, onEvent }: { reportId: string; onEvent(event: TimelineEventFragment): void }) {
  const { session, call, expire } = useConsole();
  const [events, setEvents] = useState<Shown[]>([]);
  const [state, setState] = useState<LiveState>({ kind: "connecting" });
  const [error, setError] = useState<unknown>(null);
  const list = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    let stop: (() => void) | null = null;
    let cancelled = false;
    call(RecentStatusEventsDocument, { reportId, last: RECENT })
      .then(({ exportStatusEvents: recent }) => {
        if (cancelled) return;
        setEvents(recent.map((event) => ({ event, missed: false })));
        stop = followStatusEvents({
          token: session.token,
          reportId,
          after: recent.at(-1)?.cursor ?? "0",
          onEvent: (event, missed) => {
            setEvents((shown) => [...shown, { event, missed }].slice(-KEEP));
            handler.current(event);
          },
          onState: setState,
          onUnauthenticated: expire,
        });
      })
      .catch(setError);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [reportId, session.token]);

  // Follows the newest event unless the reader scrolled up to read older ones.
  useLayoutEffect(() => {
    const element = list.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [events]);

  return (
    <section class="timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Live status</h2>
      <p class={`live live-${state.kind}`} data-live={state.kind} aria-live="polite">
        {describe(state)}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      <div
        ref={list}
        class="events"
        role="log"
        aria-label="Export status changes, oldest first"
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 4;
        }}
      >
        <ol>
          {events.length === 0 && <li class="empty">No status changes yet.</li>}
          {events.map(({ event, missed }) => (
            <li key={event.cursor} class={missed ? "event missed" : "event"} data-cursor={event.cursor} data-missed={String(missed)}>
              <time dateTime={event.at}>{formatTime(event.at)}</time>
              <span class="event-source">{event.source.sourceId}</span>
              <span class="event-move">
                {event.from ? <StatusBadge status={event.from} /> : <span class="status">new</span>}
                <span aria-label="to"> → </span>
                <StatusBadge status={event.to} />
              </span>
              <span class="event-cause" title={event.cause}>
                {missed && <strong>missed · </strong>}
                {event.cause}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
