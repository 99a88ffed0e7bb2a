import type { ListItem, Nodes, PhrasingContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";

function inline(nodes: PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case "text":
        case "inlineCode":
        case "html":
          return node.value;
        case "break":
          return "\n";
        case "link": {
          // Only an http(s) target is worth showing; trackers link such text themselves.
          const label = inline(node.children);
          return label === node.url || !/^https?:\/\//i.test(node.url) ? label : `${label} (${node.url})`;
        }
        case "image":
          return node.alt ?? "";
        default:
          return "children" in node ? inline(node.children as PhrasingContent[]) : "";
      }
    })
    .join("");
}

const indent = (text: string, prefix: string) => text.replace(/\n(?=.)/g, `\n${" ".repeat(prefix.length)}`);

function listItem(item: ListItem, marker: string): string {
  const box = typeof item.checked === "boolean" ? `[${item.checked ? "x" : " "}] ` : "";
  const prefix = `${marker} ${box}`;
  return prefix + indent(item.children.map(block).filter(Boolean).join("\n"), prefix);
}

function block(node: Nodes): string {
  switch (node.type) {
    case "paragraph":
    case "heading":
      return inline(node.children);
    case "list":
      return node.children
        .map((item, index) => listItem(item, node.ordered ? `${(node.start ?? 1) + index}.` : "-"))
        .join("\n");
    case "code":
    case "html":
      return node.value;
    case "blockquote":
      return node.children.map(block).join("\n\n").replace(/^/gm, "> ");
    case "thematicBreak":
      return "---";
    default:
      return "";
  }
}

/**
 * The Markdown ticket body as plain text, for trackers whose description is plain text (Asana's notes): escapes are
 * decoded, so the text reads as written (`scan:42/xss_[q]*`, not `scan:42/xss\_\[q]\*`); headings and paragraphs
 * become lines separated by a blank line, list items "- " lines (task items "- [ ] "), links "label (url)" (the label
 * alone for a target that is not http(s)).
 * Nothing is markup in plain text, so raw HTML in the body stays visible as the text it is.
 */
export function markdownToText(markdown: string): string {
  const blocks = fromMarkdown(markdown).children.map(block).filter((text) => text !== "");
  return blocks.length ? `${blocks.join("\n\n")}\n` : "";
}
