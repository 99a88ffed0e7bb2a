import type { Nodes, PhrasingContent, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";

/** A node of the Atlassian Document Format, the rich-text shape Jira Cloud REST v3 takes for descriptions. */
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface AdfDoc {
  type: "doc";
  version: 1;
  content: AdfNode[];
}

type Mark = NonNullable<AdfNode["marks"]>[number];

const HTTP = /^https?:\/\//i;
// A bare http(s) URL in text, less trailing punctuation.
const BARE_URL = /https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"]/g;

/** Text with its line breaks as hardBreak nodes and bare http(s) URLs linked; Jira refuses empty text nodes. */
function textNodes(value: string, marks: Mark[]): AdfNode[] {
  const nodes: AdfNode[] = [];
  const push = (text: string, extra: Mark[] = []) => {
    const all = [...marks, ...extra];
    if (text) nodes.push(all.length ? { type: "text", text, marks: all } : { type: "text", text });
  };
  value.split("\n").forEach((line, index) => {
    if (index > 0) nodes.push({ type: "hardBreak" });
    let last = 0;
    for (const match of line.matchAll(BARE_URL)) {
      push(line.slice(last, match.index));
      push(match[0], marks.some((mark) => mark.type === "link") ? [] : [{ type: "link", attrs: { href: match[0] } }]);
      last = match.index + match[0].length;
    }
    push(line.slice(last));
  });
  return nodes;
}

function phrasing(nodes: PhrasingContent[], marks: Mark[] = []): AdfNode[] {
  return nodes.flatMap((node): AdfNode[] => {
    switch (node.type) {
      case "text":
        return textNodes(node.value, marks);
      case "emphasis":
        return phrasing(node.children, [...marks, { type: "em" }]);
      case "strong":
        return phrasing(node.children, [...marks, { type: "strong" }]);
      case "inlineCode":
        return textNodes(node.value, [{ type: "code" }]);
      case "break":
        return [{ type: "hardBreak" }];
      case "link":
        // Only http(s) targets become links; anything else keeps its label as plain text.
        return phrasing(node.children, HTTP.test(node.url) ? [...marks, { type: "link", attrs: { href: node.url } }] : marks);
      case "html":
        return textNodes(node.value, marks);
      default:
        return "children" in node ? phrasing(node.children as PhrasingContent[], marks) : [];
    }
  });
}

function block(node: RootContent | Nodes): AdfNode[] {
  switch (node.type) {
    case "paragraph": {
      const content = phrasing(node.children);
      return content.length ? [{ type: "paragraph", content }] : [];
    }
    case "heading": {
      const content = phrasing(node.children);
      return content.length ? [{ type: "heading", attrs: { level: node.depth }, content }] : [];
    }
    case "list":
      return [
        {
          type: node.ordered ? "orderedList" : "bulletList",
          content: node.children.map((item) => {
            const content = item.children.flatMap(block);
            return { type: "listItem", content: content.length ? content : [{ type: "paragraph", content: [] }] };
          }),
        },
      ];
    case "code":
      return [{ type: "codeBlock", content: node.value ? [{ type: "text", text: node.value }] : [] }];
    case "blockquote":
      return [{ type: "blockquote", content: node.children.flatMap(block) }];
    case "thematicBreak":
      return [{ type: "rule" }];
    case "html":
      return [{ type: "paragraph", content: textNodes(node.value, []) }];
    default:
      return [];
  }
}

/**
 * Converts the Markdown ticket body to an ADF document by parsing it as CommonMark: escapes are decoded and
 * autolinks, links, emphasis, headings, lists and code become their ADF equivalents, so the ticket shows the text as
 * written (`scan:42/xss_[q]*`, not `scan:42/xss\_\[q]\*`). Only http(s) targets are linked.
 */
export function markdownToAdf(markdown: string): AdfDoc {
  return { type: "doc", version: 1, content: fromMarkdown(markdown).children.flatMap(block) };
}
