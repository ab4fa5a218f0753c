/*
 * The conversation as the reader sees it: questions, answers (Markdown, rendered safely), sources and notes.
 * Everything that comes from the server is untrusted: plain text goes through textContent, answers through
 * markdown.js, which escapes before it formats.
 *
 * An answer is an AnswerView: appendText() while it streams, showSources() when the sources frame comes (the
 * answer's text is complete by then, so this is where anything that links the text to its sources belongs),
 * addNote() for notices and errors, finish() when it ends.
 */
import { ui, make, safeLink } from "./dom.js";
import { t } from "./i18n.js";
import { render } from "./markdown.js";

export function scrollToEnd() {
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

/** True unless the reader has scrolled up: streaming then leaves the scroll position alone. */
export function isScrolledToEnd() {
  return ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 80;
}

function clearWelcome() {
  if (ui.welcome.isConnected) {
    ui.welcome.remove();
  }
}

/** Back to an empty conversation with the welcome text. */
export function clearConversation() {
  ui.messages.replaceChildren(ui.welcome);
}

export function addUserMessage(text) {
  clearWelcome();
  const node = make("div", "message user");
  node.appendChild(make("div", "message-label visually-hidden", t("message.you")));
  node.appendChild(make("div", "message-body", text));
  ui.messages.appendChild(node);
  return node;
}

export class AnswerView {
  constructor() {
    clearWelcome();
    this.element = make("div", "message assistant");
    this.element.appendChild(make("div", "message-label visually-hidden", t("message.answer")));
    this.body = make("div", "message-body markdown");
    this.element.appendChild(this.body);
    this.text = "";
    ui.messages.appendChild(this.element);
  }

  /** An answer still being written: marked busy (screen readers read it once, complete) with a placeholder. */
  static pending() {
    const view = new AnswerView();
    view.element.setAttribute("aria-busy", "true");
    view.body.appendChild(make("span", "typing", t("message.thinking")));
    return view;
  }

  /** An answer from the stored history, complete with its sources. */
  static stored(text, sources) {
    const view = new AnswerView();
    view.appendText(text);
    view.showSources(sources);
    return view;
  }

  appendText(delta) {
    this.text += delta;
    this.body.innerHTML = render(this.text);
  }

  showSources(sources) {
    const existing = this.element.querySelector(".sources");
    if (existing) {
      existing.remove();
    }
    const usable = sources.filter((s) => s && typeof s === "object");
    if (usable.length) {
      this.element.appendChild(sourceList(usable));
    }
  }

  addNote(text, kind) {
    const note = make("p", kind === "error" ? "message-error" : "message-note", text);
    if (kind === "error") {
      note.setAttribute("role", "alert");
    }
    this.element.appendChild(note);
  }

  /** Ends the answer, with a note when given (e.g. why it stopped). */
  finish(noteText, kind) {
    if (!this.text) {
      this.body.textContent = noteText ? "" : t("message.noAnswer");
    }
    if (noteText) {
      this.addNote(noteText, kind);
    }
    this.element.removeAttribute("aria-busy");
  }
}

function sourceList(sources) {
  const box = make("section", "sources");
  box.setAttribute("aria-label", t("sources.heading"));
  box.appendChild(make("h3", "sources-heading", t("sources.heading")));
  const list = make("ol", "source-list");
  sources.forEach((source) => {
    const item = make("li", "source");
    const uri = typeof source.uri === "string" ? source.uri : "";
    const title = make("span", "source-title",
      typeof source.title === "string" && source.title.trim() ? source.title : uri || t("sources.untitled"));
    const href = safeLink(uri);
    if (href) {
      const link = make("a", "source-link");
      link.href = href;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.appendChild(title);
      item.appendChild(link);
    } else {
      item.appendChild(title);
    }
    if (typeof source.confidence === "string" && source.confidence) {
      const badge = make("span", "confidence", source.confidence.replace(/_/g, " ").toLowerCase());
      badge.dataset.confidence = source.confidence;
      badge.title = t("sources.confidence");
      item.appendChild(badge);
    }
    if (typeof source.excerpt === "string" && source.excerpt.trim()) {
      item.appendChild(make("p", "excerpt", plainExcerpt(source.excerpt)));
    }
    list.appendChild(item);
  });
  box.appendChild(list);
  return box;
}

/** Excerpts are raw document text: drop the Markdown markers so they read as prose (still set as text). */
function plainExcerpt(excerpt) {
  return excerpt.replace(/\*\*|__|`|\|/g, "").replace(/(^|\s)#{1,6}(?=\s)/g, "$1").replace(/\s+/g, " ").trim();
}

/** The sources kept in a stored turn's metadata ({"Sources": [...]}, as an object or a JSON string). */
export function sourcesOf(metadata) {
  let parsed = metadata;
  if (typeof metadata === "string") {
    try {
      parsed = JSON.parse(metadata);
    } catch (e) {
      return [];
    }
  }
  return parsed && Array.isArray(parsed.Sources) ? parsed.Sources : [];
}
