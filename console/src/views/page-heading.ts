import { useEffect, useRef } from "preact/hooks";

/**
 * Sets the document title and moves focus to the page's heading when a page opens inside the app, so a screen
 * reader announces the new page and keyboard users start from its top. Returns the ref for the `<h1>`.
 */
export function usePageHeading(title: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Ticket exports`;
  }, [title]);
  useEffect(() => {
    // Not on the first page of a visit: the browser's own focus start is right there.
    if (history.length > 1 || document.activeElement !== document.body) heading.current?.focus();
  }, []);
  return heading;
}
