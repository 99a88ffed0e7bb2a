import type { ExportItem } from "./export-item.js";
import { ticketContent, trackerText } from "./render/ticket-content.js";
import { descriptionLayout, type Block } from "./render/ticket-layout.js";

export interface NativeTicket {
  title: string;
  /**
   * Description, details (source ids, fingerprint and its label), evidence, criteria and boundary line, as blocks that
   * each adapter writes in its tracker's markup.
   */
  description: Block[];
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
    description: descriptionLayout(ticketContent(item)),
    labels: item.labels,
    fingerprintLabel: item.fingerprintLabel,
    issueType: item.sourceType === "REPORT_ISSUE" ? "Bug" : "Task",
  };
}
