import type { ComponentChildren } from "preact";
import { followLink } from "../router";
import { usePageHeading } from "./page-heading";

/** A page that names what is missing and leads back to the reports. */
export function NotFound({ title = "Page not found", children = "Nothing lives at this address." }: { title?: string; children?: ComponentChildren }) {
  const heading = usePageHeading(title);
  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p>
        {children}{" "}
        <a href="/" onClick={(event) => followLink(event, "/")}>
          See the reports
        </a>
        .
      </p>
    </section>
  );
}
