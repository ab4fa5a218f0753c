/*
 * A small, safe Markdown renderer for untrusted model output.
 *
 * Safety rule: every piece of input text is HTML-escaped BEFORE any Markdown rule runs, and the rules only
 * add a fixed set of tags. Link targets are checked with the browser's own URL parser (so tricks such as
 * "java\tscript:" are seen the way the browser would see them) and only http(s), file and relative links
 * survive. The result is therefore safe to assign to innerHTML.
 *
 * Supported: headings (#..######), paragraphs, line breaks, fenced code blocks (an unclosed fence renders
 * as code, which is what a half-streamed answer looks like), inline code, **bold**, *italic* / _italic_,
 * unordered and ordered lists, block quotes, horizontal rules, tables and [links](url).
 */
const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "file:"]);
// U+0000 never survives input cleaning, so it can delimit placeholders without clashing with text.
const MARK = "\u0000";

export function escapeHtml(text) {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function unescapeHtml(text) {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, "\"")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** The URL to use for a link, or null when the target is not http(s), file or relative. */
export function safeHref(rawUrl) {
  if (!rawUrl || /[\u0000-\u0020\u007f]/.test(rawUrl)) {
    return null;
  }
  let parsed;
  try {
    parsed = new URL(rawUrl, globalThis.document ? document.baseURI : "http://localhost/");
  } catch (e) {
    return null;
  }
  return ALLOWED_PROTOCOLS.has(parsed.protocol) ? rawUrl : null;
}

/** Inline rules over ESCAPED text: code spans and links are set aside first so no other rule touches them. */
function renderInline(escaped) {
  const held = [];
  const hold = (html) => {
    held.push(html);
    return MARK + (held.length - 1) + MARK;
  };
  let text = escaped.replace(/`([^`]+)`/g, (m, code) => hold("<code>" + code + "</code>"));
  text = text.replace(/\[([^\]\u0000]+)\]\(([^)\s]+)\)/g, (m, label, url) => {
    const href = safeHref(unescapeHtml(url));
    if (href === null) {
      return label;
    }
    return hold("<a href=\"" + escapeHtml(href) + "\" target=\"_blank\" rel=\"noopener noreferrer\">"
      + emphasis(label) + "</a>");
  });
  text = emphasis(text);
  return text.replace(new RegExp(MARK + "(\\d+)" + MARK, "g"), (m, index) => held[Number(index)]);
}

function emphasis(text) {
  return text
    .replace(/\*\*(?=\S)([^*]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/__(?=\S)([^_]*?\S)__/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?![*\w])/g, "$1<em>$2</em>")
    .replace(/(^|[^_\w])_(?=\S)([^_]*?\S)_(?![_\w])/g, "$1<em>$2</em>");
}

const FENCE = /^\s{0,3}(```|~~~)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^\s{0,3}&gt;\s?(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const TABLE_ROW = /^\s{0,3}\|.*\|\s*$/;
const TABLE_DELIMITER = /^\s{0,3}\|(\s*:?-+:?\s*\|)+\s*$/;

function tableCells(row) {
  return row.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map((cell) => renderInline(cell.trim()));
}

/** A GitHub-style table: a header row, a delimiter row, then body rows while lines look like rows. */
function renderTable(header, rows) {
  const head = "<tr>" + tableCells(header).map((cell) => "<th>" + cell + "</th>").join("") + "</tr>";
  const body = rows.map((row) => "<tr>" + tableCells(row).map((cell) => "<td>" + cell + "</td>").join("") + "</tr>");
  return "<table><thead>" + head + "</thead><tbody>" + body.join("") + "</tbody></table>";
}

/** Renders Markdown text to an HTML string that contains no tag or attribute taken from the input. */
export function render(markdown) {
  const cleaned = String(markdown == null ? "" : markdown).replace(/\u0000/g, "").replace(/\r\n?/g, "\n");
  const lines = escapeHtml(cleaned).split("\n");
  const out = [];
  let paragraph = [];
  let list = null;

  const flushParagraph = () => {
    if (paragraph.length) {
      out.push("<p>" + paragraph.map(renderInline).join("<br>") + "</p>");
      paragraph = [];
    }
  };
  const flushList = () => {
    if (list) {
      out.push("<" + list.tag + ">" + list.items.map((item) => "<li>" + renderInline(item) + "</li>").join("")
        + "</" + list.tag + ">");
      list = null;
    }
  };
  const flushAll = () => {
    flushParagraph();
    flushList();
  };
  const addListItem = (tag, text) => {
    flushParagraph();
    if (!list || list.tag !== tag) {
      flushList();
      list = { tag: tag, items: [] };
    }
    list.items.push(text);
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (FENCE.test(line)) {
      flushAll();
      const fence = line.match(FENCE)[1];
      const code = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence)) {
        code.push(lines[i]);
        i++;
      }
      out.push("<pre><code>" + code.join("\n") + "</code></pre>");
      continue;
    }
    if (line.trim() === "") {
      flushAll();
      continue;
    }
    if (TABLE_ROW.test(line) && i + 1 < lines.length && TABLE_DELIMITER.test(lines[i + 1])) {
      flushAll();
      const rows = [];
      i += 2;
      while (i < lines.length && TABLE_ROW.test(lines[i])) {
        rows.push(lines[i]);
        i++;
      }
      i--;
      out.push(renderTable(line, rows));
      continue;
    }
    let match;
    if ((match = line.match(HEADING))) {
      flushAll();
      const level = match[1].length;
      out.push("<h" + level + ">" + renderInline(match[2]) + "</h" + level + ">");
    } else if (RULE.test(line)) {
      flushAll();
      out.push("<hr>");
    } else if ((match = line.match(BULLET))) {
      addListItem("ul", match[1]);
    } else if ((match = line.match(NUMBERED))) {
      addListItem("ol", match[2]);
    } else if ((match = line.match(QUOTE))) {
      flushAll();
      out.push("<blockquote>" + renderInline(match[1]) + "</blockquote>");
    } else if (list && /^\s{2,}\S/.test(line)) {
      list.items[list.items.length - 1] += " " + line.trim();
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushAll();
  return out.join("\n");
}

/**
 * Renders a growing Markdown text into a container, re-rendering only the block being written. render() carries
 * nothing across a line that ends every open block (a blank line, a heading, a rule, a quote line or a closing
 * fence, outside a code fence), so the text up to the last such line is rendered once, for good, and only the
 * rest is rendered again on each append. The container's HTML is always exactly render(all the text so far).
 */
export class StreamingMarkdown {
  constructor(container) {
    this.container = container;
    /** All text so far, cleaned as render() cleans it. */
    this.text = "";
    /** text[0, settledTo) is rendered for good. */
    this.settledTo = 0;
    /** The complete lines before this offset have been looked at. */
    this.scannedTo = 0;
    /** The marker of the code fence the scan is inside, or null. */
    this.fence = null;
    /** A "\r" at the end of a delta may be half of "\r\n": it waits for the next delta. */
    this.heldCr = "";
    /** The nodes of the block being written (rendered again on each append). */
    this.live = [];
  }

  append(delta) {
    let chunk = this.heldCr + String(delta == null ? "" : delta);
    this.heldCr = chunk.endsWith("\r") ? "\r" : "";
    chunk = this.heldCr ? chunk.slice(0, -1) : chunk;
    this.text += chunk.replace(/\u0000/g, "").replace(/\r\n?/g, "\n");
    const boundary = this.lastBoundary();
    this.removeLive();
    if (boundary > this.settledTo) {
      this.place(render(this.text.slice(this.settledTo, boundary)));
      this.settledTo = boundary;
    }
    this.live = this.place(render(this.text.slice(this.settledTo)));
  }

  /** The offset just after the last complete line that ends every open block, scanning only new lines. */
  lastBoundary() {
    let boundary = this.settledTo;
    let start = this.scannedTo;
    let end;
    while ((end = this.text.indexOf("\n", start)) !== -1) {
      if (this.endsEveryBlock(escapeHtml(this.text.slice(start, end)))) {
        boundary = end + 1;
      }
      start = end + 1;
    }
    this.scannedTo = start;
    return boundary;
  }

  /** Mirrors render()'s reading of an (escaped) line at the top level. */
  endsEveryBlock(line) {
    if (this.fence) {
      if (line.trim().startsWith(this.fence)) {
        this.fence = null;
        return true;
      }
      return false;
    }
    const fence = line.match(FENCE);
    if (fence) {
      this.fence = fence[1];
      return false;
    }
    return line.trim() === "" || HEADING.test(line) || RULE.test(line) || QUOTE.test(line);
  }

  removeLive() {
    this.live.forEach((node) => node.remove());
    this.live = [];
  }

  /** Appends rendered HTML, separated from what is there as render() separates blocks; returns the nodes added. */
  place(html) {
    if (!html) {
      return [];
    }
    const template = document.createElement("template");
    template.innerHTML = (this.container.childNodes.length ? "\n" : "") + html;
    const nodes = Array.from(template.content.childNodes);
    this.container.appendChild(template.content);
    return nodes;
  }
}
