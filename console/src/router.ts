import { useEffect, useState } from "preact/hooks";

const CHANGE = "console:navigate";

/** Moves to `path` inside the page (history entry, no reload). */
export function navigate(path: string) {
  if (path === location.pathname) return;
  history.pushState(null, "", path);
  window.dispatchEvent(new Event(CHANGE));
}

/** The current path, following navigate() and the browser's back and forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    window.addEventListener("popstate", update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return path;
}

export const reportPath = (reportId: string) => `/reports/${encodeURIComponent(reportId)}/ticket-exports`;

/** The report id of a `/reports/:id/ticket-exports` path, or null. */
export function reportIdOf(path: string): string | null {
  const match = /^\/reports\/([^/]+)\/ticket-exports\/?$/.exec(path);
  return match ? decodeURIComponent(match[1]) : null;
}

/** A click on an in-page link that the page should handle itself (not one opening a new tab or window). */
export function followLink(event: MouseEvent, href: string) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(href);
}
