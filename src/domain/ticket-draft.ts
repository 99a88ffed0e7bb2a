import type { ExportItem } from "./export-item.js";
import { markdownOf } from "./render/markup/markdown.js";
import { ticketContent, trackerText } from "./render/ticket-content.js";
import { descriptionLayout } from "./render/ticket-layout.js";

export interface NativeTicket {
  title: string;
  /** Markdown: details (source ids, fingerprint and its label), description, evidence, criteria, boundary line. */
  body: string;
  /** The source's labels; adapters add the fingerprint label themselves. */
  labels: string[];
  fingerprintLabel: string;
  /** Jira issue type: findings are bugs, fix tasks are tasks. */
  issueType: "Bug" | "Task";
}

/**
 * A provider-native ticket for a source: the same content and the same neutralisation of mentions, references and
 * quick actions as the Markdown file, so a ticket made natively and one imported by hand read alike.
 */
export function nativeTicket(item: ExportItem): NativeTicket {
  return {
    title: trackerText(item.title).replace(/\s*\n\s*/g, " "),
    body: markdownOf(descriptionLayout(ticketContent(item))),
    labels: item.labels,
    fingerprintLabel: item.fingerprintLabel,
    issueType: item.sourceType === "REPORT_ISSUE" ? "Bug" : "Task",
  };
}
