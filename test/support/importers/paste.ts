import { rendered } from "./markup.js";
import { rule, type ImportedTicket } from "./ticket.js";

/**
 * The tickets a person creates by pasting the Markdown export into a tracker that has no file importer: after the
 * preamble, each section between thematic breaks is one ticket, the text its "## " heading shows the title and the
 * rest the body.
 */
function pastedSections(markdown: string): ImportedTicket[] {
  const [, ...sections] = markdown.split("\n---\n");
  return sections.map((section) => {
    const lines = section.trim().split("\n");
    rule(lines[0].startsWith("## "), "a section starts with its title heading");
    const title = rendered("markdown", lines[0]).shown.trim();
    return { title, description: lines.slice(1).join("\n").trim(), labels: [], fields: {} };
  });
}

/** A reader of pasted sections for a tracker whose titles and bodies hold at most the given lengths. */
const pasteReader =
  (limits: { titleLength: number; bodyLength: number }, ticket: string) =>
  (markdown: string): ImportedTicket[] =>
    pastedSections(markdown).map((pasted) => {
      rule(pasted.title.length <= limits.titleLength, `a ${ticket} title over ${limits.titleLength} characters`);
      rule(pasted.description.length <= limits.bodyLength, `a ${ticket} body over ${limits.bodyLength} characters`);
      return pasted;
    });

// GitHub has no file importer for issues; its REST API and form refuse an issue body over 65,536 characters and a
// title over 256 (https://docs.github.com/rest/issues/issues#create-an-issue: "body is too long (maximum is 65536)").
export const GITHUB_RULES = { titleLength: 256, bodyLength: 65_536 };

/** The issues a person creates on GitHub by pasting each section of the Markdown export. */
export const readGithubImport = pasteReader(GITHUB_RULES, "GitHub issue");

// Trello has no file importer for cards; a card name and a card description hold 16,384 characters each
// (https://support.atlassian.com/trello/docs/trello-limits/).
export const TRELLO_RULES = { titleLength: 16_384, bodyLength: 16_384 };

/** The cards a person creates on Trello by pasting each section of the Markdown export. */
export const readTrelloImport = pasteReader(TRELLO_RULES, "Trello card");
