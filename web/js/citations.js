/*
 * Inline citations. An answer cites its sources as [n]; each [n] whose source came with "index": n becomes a link
 * to that source that shows the source's excerpt on hover and on keyboard focus. An [n] with no such source stays
 * plain text. It works on the text nodes of the rendered answer (markdown.js escaped everything before it
 * formatted), never inside code or links, and builds every element with the DOM: no server text becomes markup.
 */
import { make, safeLink } from "./dom.js";
import { t } from "./i18n.js";

const CITATION = /\[(\d{1,3})\]/g;
let tooltips = 0;

/** Excerpts are raw document text: drop the Markdown markers so they read as prose (still set as text). */
export function plainExcerpt(excerpt) {
  return excerpt.replace(/\*\*|__|`|\|/g, "").replace(/(^|\s)#{1,6}(?=\s)/g, "$1").replace(/\s+/g, " ").trim();
}

/** Turns the [n] of the answer rendered in body into links to the sources with index n. */
export function linkCitations(body, sources) {
  const byIndex = new Map();
  sources.forEach((source) => {
    if (Number.isInteger(source.index) && source.index > 0 && !byIndex.has(source.index)) {
      byIndex.set(source.index, source);
    }
  });
  if (!byIndex.size) {
    return;
  }
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest("code, pre, a, .citation-wrap")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const textNodes = [];
  while (walker.nextNode()) {
    textNodes.push(walker.currentNode);
  }
  textNodes.forEach((node) => linkIn(node, byIndex));
}

function linkIn(node, byIndex) {
  const text = node.nodeValue;
  const parts = [];
  let done = 0;
  for (const match of text.matchAll(CITATION)) {
    const source = byIndex.get(Number(match[1]));
    if (source) {
      parts.push(document.createTextNode(text.slice(done, match.index)), citation(Number(match[1]), source));
      done = match.index + match[0].length;
    }
  }
  if (parts.length) {
    parts.push(document.createTextNode(text.slice(done)));
    node.replaceWith(...parts);
  }
}

/** [n] as a link to the document (or, without a safe address, a focusable mark) with its excerpt as tooltip. */
function citation(n, source) {
  const wrap = make("span", "citation-wrap");
  const href = safeLink(source.uri);
  const mark = make(href ? "a" : "span", "citation", "[" + n + "]");
  if (href) {
    mark.href = href;
    mark.target = "_blank";
    mark.rel = "noopener noreferrer";
  } else {
    mark.tabIndex = 0;
  }
  const title = typeof source.title === "string" && source.title.trim() ? source.title : t("sources.untitled");
  mark.setAttribute("aria-label", t("citations.label", { n: n, title: title }));
  wrap.appendChild(mark);
  const excerpt = typeof source.excerpt === "string" ? plainExcerpt(source.excerpt) : "";
  if (excerpt) {
    const tip = make("span", "citation-excerpt", excerpt);
    tip.id = "citation-excerpt-" + (++tooltips);
    tip.setAttribute("role", "tooltip");
    mark.setAttribute("aria-describedby", tip.id);
    wrap.appendChild(tip);
  }
  return wrap;
}
