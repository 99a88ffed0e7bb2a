import { cutToLength, type TicketContent, type TicketLink } from "./ticket-content.js";

/** `texts` with `excess` characters taken from the end: whole entries first, then the end of the last one kept. */
function dropFromEnd(texts: string[], excess: number): { kept: string[]; left: number } {
  const kept = [...texts];
  let left = excess;
  while (left > 0 && kept.length > 0) {
    const last = kept[kept.length - 1];
    if (last.length <= left + 1) {
      kept.pop();
      left -= last.length;
    } else {
      kept[kept.length - 1] = cutToLength(last, last.length - left);
      left = 0;
    }
  }
  return { kept, left };
}

const linkLength = (link: TicketLink) => link.label.length + link.href.length;

// Text goes from the end of the layout backwards: acceptance criteria, then evidence links, then the description.
// The guard line, the details and the boundary line are never cut.
function shorten(content: TicketContent, excess: number): TicketContent {
  const criteria = dropFromEnd(content.acceptanceCriteria, excess);
  const evidence = [...content.evidence];
  let left = criteria.left;
  while (left > 0 && evidence.length > 0) left -= linkLength(evidence.pop()!);
  const paragraphs = dropFromEnd(content.paragraphs, Math.max(left, 0));
  return { ...content, acceptanceCriteria: criteria.kept, evidence, paragraphs: paragraphs.kept };
}

const userTextLength = (content: TicketContent) =>
  [...content.paragraphs, ...content.acceptanceCriteria].reduce((sum, text) => sum + text.length, 0) +
  content.evidence.reduce((sum, link) => sum + linkLength(link), 0);

/**
 * `render(content)`, or when that is longer than `limit` the rendering of a shorter content: acceptance criteria,
 * evidence links and description cut from the end, with a note saying how much was left out and where it is kept.
 * Every markup writes each character as at least one, so cutting the overflow from the text shortens the rendering by
 * at least as much; a second pass absorbs the note. Fits unless the details alone exceed the limit.
 */
export function fitToLength(
  content: TicketContent,
  render: (content: TicketContent) => string,
  limit: number,
  tracker: string,
): string {
  let text = render(content);
  let excess = 0;
  for (let pass = 0; text.length > limit && pass < 4; pass++) {
    excess += text.length - limit;
    const shorter = shorten(content, excess);
    const left = userTextLength(content) - userTextLength(shorter);
    text = render({
      ...shorter,
      shortened:
        `Shortened to fit ${tracker}'s ${limit.toLocaleString("en-US")}-character limit: ${left.toLocaleString("en-US")} ` +
        "characters of description, evidence links and acceptance criteria are left out here; the JSON export of " +
        "this source holds them all.",
    });
  }
  return text;
}
