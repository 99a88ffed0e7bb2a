import { Parser } from "commonmark";

/** The markup a tracker reads from an imported description. */
export type Markup = "markdown" | "jira-wiki" | "html" | "plain";

/** Each dialect's description markup (docs/formats.md, "Description markups"). */
export const DIALECT_MARKUP: Readonly<Record<string, Markup>> = {
  jira: "jira-wiki",
  gitlab: "markdown",
  "azure-devops": "html",
  linear: "markdown",
  youtrack: "markdown",
  asana: "plain",
  clickup: "plain",
  "bitbucket-issues": "markdown",
  gfm: "markdown",
};

/** What a tracker makes of a text: the words it shows, the links it makes and any other active element. */
export interface Rendered {
  shown: string;
  links: string[];
  /** Raw HTML, images, macros, mentions or attributes: whatever is not plain text or a link. */
  active: string[];
}

function markdown(text: string): Rendered {
  const walker = new Parser().parse(text).walker();
  const shown: string[] = [];
  const links: string[] = [];
  const active: string[] = [];
  for (let step = walker.next(); step; step = walker.next()) {
    const node = step.node;
    // A block ends its line; inline text runs on.
    if (!step.entering) {
      if (["paragraph", "heading", "code_block"].includes(node.type)) shown.push("\n");
      continue;
    }
    if (node.type === "text" || node.type === "code" || node.type === "code_block") shown.push(node.literal ?? "");
    if (node.type === "softbreak" || node.type === "linebreak") shown.push("\n");
    if (node.type === "link") links.push(node.destination ?? "");
    if (["image", "html_block", "html_inline"].includes(node.type)) active.push(`${node.type} ${node.literal ?? node.destination}`);
  }
  return { shown: shown.join(""), links, active };
}

// Jira wiki markup: a backslash escapes the next character; the renderer turns user backslashes into "＼", so an
// unescaped special character is one the renderer wrote.
const WIKI_LINK = /(?<!\\)\[((?:\\.|[^\]\\|])*)(?<!\\)\|([^\]]*)\]/g;

function jiraWiki(text: string): Rendered {
  const links = [...text.matchAll(WIKI_LINK)].map((match) => match[2]);
  const rest = text.replace(WIKI_LINK, "$1");
  const active = [
    ...[...rest.matchAll(/(?<!\\)\{[a-z]+/gi)].map((match) => `macro ${match[0]}`),
    ...[...rest.matchAll(/(?<!\\)!/g)].map(() => "image"),
    ...[...rest.matchAll(/(?<!\\)\[/g)].map(() => "link or mention"),
  ];
  // Without the renderer's own bold and italic markers, and with the escapes undone.
  return { shown: rest.replace(/(?<!\\)[*_]/g, "").replace(/\\(.)/g, "$1"), links, active };
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };
const HTML_ELEMENTS = new Set(["p", "br", "h3", "ul", "li", "b", "i", "a"]);

function html(text: string): Rendered {
  const tags = [...text.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)];
  const links = tags.flatMap((tag) => [...tag[2].matchAll(/href="([^"]*)"/g)].map((href) => href[1].replace(/&[a-z#0-9]+;/g, (e) => ENTITIES[e] ?? e)));
  const active = tags
    .filter((tag) => !HTML_ELEMENTS.has(tag[1].toLowerCase()) || tag[2].replace(/\s*href="[^"]*"/g, "").trim() !== "")
    .map((tag) => tag[0]);
  // Inline elements run on with the text around them; block elements start a line.
  const shown = text
    .replace(/<\/?(b|i|a)\b[^>]*>/g, "")
    .replace(/<[^>]*>/g, "\n")
    .replace(/&[a-z#0-9]+;/g, (entity) => ENTITIES[entity] ?? entity);
  return { shown, links, active };
}

/** What a tracker reading `markup` shows of `text` and makes active in it. */
export function rendered(markup: Markup, text: string): Rendered {
  switch (markup) {
    case "markdown":
      return markdown(text);
    case "jira-wiki":
      return jiraWiki(text);
    case "html":
      return html(text);
    case "plain":
      return { shown: text, links: [], active: [] };
  }
}
