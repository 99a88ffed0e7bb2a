import { micromark } from "micromark";

/**
 * The Markdown ticket body as HTML, for trackers whose description field is HTML (Azure DevOps). micromark compiles
 * CommonMark with raw HTML escaped (not passed through) and link targets other than http(s), mailto, irc(s) and xmpp
 * emptied, so the text of the body can never become markup in the tracker.
 */
export function markdownToHtml(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: false, allowDangerousProtocol: false });
}
