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

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const ORDERED = /^\s*\d+[.)]\s+(.*)$/;
const FENCE = /^\s*```/;
// A markdown link [label](http…) or a bare http(s) URL, less trailing punctuation; nothing else becomes a link.
const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])/g;

/** Plain text with http(s) links marked; Jira rejects empty text nodes, so none are made. */
function inline(line: string): AdfNode[] {
  const nodes: AdfNode[] = [];
  const text = (value: string, href?: string) => {
    if (value) nodes.push(href ? { type: "text", text: value, marks: [{ type: "link", attrs: { href } }] } : { type: "text", text: value });
  };
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    text(line.slice(last, match.index));
    text(match[1] ?? match[3], match[2] ?? match[3]);
    last = match.index + match[0].length;
  }
  text(line.slice(last));
  return nodes;
}

function paragraph(lines: readonly string[]): AdfNode {
  const content = lines.flatMap((line, index) => [...(index > 0 ? [{ type: "hardBreak" }] : []), ...inline(line)]);
  return { type: "paragraph", content };
}

const listItem = (text: string): AdfNode => ({ type: "listItem", content: [paragraph([text])] });

/**
 * Converts the markdown ticket body to a simple ADF document: headings, bullet and ordered lists, fenced code blocks
 * and paragraphs (line breaks kept), with http(s) links marked. Emphasis and other inline markdown stay literal text:
 * the body is a report, not a layout.
 */
export function markdownToAdf(markdown: string): AdfDoc {
  const content: AdfNode[] = [];
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let pending: string[] = [];
  let list: AdfNode | null = null;
  const flush = () => {
    if (pending.length > 0) content.push(paragraph(pending));
    pending = [];
    list = null;
  };
  const addToList = (type: "bulletList" | "orderedList", text: string) => {
    if (pending.length > 0 || list?.type !== type) {
      flush();
      list = { type, content: [] };
      content.push(list);
    }
    list.content!.push(listItem(text));
  };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const heading = HEADING.exec(line);
    const bullet = BULLET.exec(line);
    const ordered = ORDERED.exec(line);
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      while (++index < lines.length && !FENCE.test(lines[index])) code.push(lines[index]);
      content.push({ type: "codeBlock", content: code.length ? [{ type: "text", text: code.join("\n") }] : [] });
    } else if (heading) {
      flush();
      content.push({ type: "heading", attrs: { level: heading[1].length }, content: inline(heading[2].trim()) });
    } else if (bullet) {
      addToList("bulletList", bullet[1]);
    } else if (ordered) {
      addToList("orderedList", ordered[1]);
    } else if (line.trim() === "") {
      flush();
    } else {
      if (list) flush();
      pending.push(line);
    }
  }
  flush();
  return { type: "doc", version: 1, content };
}
