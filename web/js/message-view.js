/*
 * The conversation as the reader sees it: questions, answers (Markdown, rendered safely), sources and notes.
 * Everything that comes from the server is untrusted: plain text goes through textContent, answers through
 * markdown.js, which escapes before it formats.
 *
 * An answer is an AnswerView: streamText() while it streams, showSources() when the sources frame comes (the
 * answer's text is complete by then, so this is where anything that links the text to its sources belongs),
 * addNote() for notices and errors, finish() when it ends (it then offers to copy the answer with its sources).
 */
import { ui, make, makeText, safeLink, setStatus } from "./dom.js";
import { t } from "./i18n.js";
import { StreamingMarkdown } from "./markdown.js";
import { linkCitations, plainExcerpt } from "./citations.js";

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
  node.appendChild(makeText("div", "message-label visually-hidden", "message.you"));
  node.appendChild(make("div", "message-body", text));
  ui.messages.appendChild(node);
  return node;
}

export class AnswerView {
  constructor() {
    clearWelcome();
    this.element = make("div", "message assistant");
    this.element.appendChild(makeText("div", "message-label visually-hidden", "message.answer"));
    this.body = make("div", "message-body markdown");
    this.element.appendChild(this.body);
    this.text = "";
    this.sources = [];
    this.markdown = null;
    /** Streamed text not rendered yet: it is rendered once per animation frame, however many frames brought it. */
    this.unrendered = "";
    ui.messages.appendChild(this.element);
  }

  /** An answer still being written: marked busy (screen readers read it once, complete) with a placeholder. */
  static pending() {
    const view = new AnswerView();
    view.element.setAttribute("aria-busy", "true");
    view.body.appendChild(makeText("span", "typing", "message.thinking"));
    return view;
  }

  /** An answer from the stored history, complete with its sources and a note on how it ended (key or null). */
  static stored(text, sources, note) {
    const view = new AnswerView();
    view.appendText(text);
    view.showSources(sources);
    view.finish(note, "note");
    return view;
  }

  /**
   * Adds text from a token frame. Rendering waits for the next animation frame, so a burst of frames costs one
   * render and one layout, and the view follows the end of the answer unless the reader has scrolled up.
   */
  streamText(delta) {
    this.text += delta;
    if (!this.unrendered) {
      requestAnimationFrame(() => this.renderStreamed());
    }
    this.unrendered += delta;
  }

  /** Renders what streamText() has gathered; anything that adds to the message calls it first. */
  renderStreamed() {
    if (!this.unrendered) {
      return;
    }
    const following = isScrolledToEnd();
    this.render(this.unrendered);
    this.unrendered = "";
    if (following) {
      scrollToEnd();
    }
  }

  /** Adds text and renders it at once. */
  appendText(delta) {
    this.text += delta;
    this.render(delta);
  }

  /** Only the Markdown block being written is rendered again. */
  render(delta) {
    if (this.markdown === null) {
      this.body.replaceChildren();
      this.markdown = new StreamingMarkdown(this.body);
    }
    this.markdown.append(delta);
  }

  showSources(sources) {
    this.renderStreamed();
    const existing = this.element.querySelector(".sources");
    if (existing) {
      existing.remove();
    }
    const usable = sources.filter((s) => s && typeof s === "object");
    this.sources = usable;
    if (usable.length) {
      this.element.appendChild(sourceList(usable));
      linkCitations(this.body, usable);
    }
  }

  /** A note under the answer: the string for key, or text from the server as it is ({text}). */
  addNote(key, kind) {
    this.renderStreamed();
    const className = kind === "error" ? "message-error" : "message-note";
    const note = typeof key === "string" ? makeText("p", className, key) : make("p", className, key.text);
    if (kind === "error") {
      note.setAttribute("role", "alert");
    }
    this.element.appendChild(note);
  }

  /** Ends the answer, with a note when given (e.g. why it stopped; a key or {text}, as for addNote). */
  finish(note, kind) {
    this.renderStreamed();
    if (!this.text) {
      this.body.replaceChildren();
      if (!note) {
        this.body.appendChild(makeText("span", "", "message.noAnswer"));
      }
    }
    if (note) {
      this.addNote(note, kind);
    }
    this.element.removeAttribute("aria-busy");
    if (this.text) {
      this.element.appendChild(this.copyButton());
    }
  }

  copyButton() {
    const button = makeText("button", "copy secondary", "copy.button");
    button.type = "button";
    button.dataset.i18nAriaLabel = "copy.label";
    button.setAttribute("aria-label", t("copy.label"));
    button.addEventListener("click", () => copyText(this.asText()).then(
      () => setStatus("copy.done", "ok"),
      (e) => setStatus("copy.failed", "error", { reason: e.message })));
    return button;
  }

  /** The answer as it was written (Markdown), then its sources as a numbered list of title and address. */
  asText() {
    if (!this.sources.length) {
      return this.text;
    }
    const lines = this.sources.map((source, index) => {
      const title = typeof source.title === "string" && source.title.trim() ? source.title.trim() : t("sources.untitled");
      const uri = typeof source.uri === "string" ? source.uri : "";
      // The number the answer's citations [n] use, where the source has one.
      const number = Number.isInteger(source.index) && source.index > 0 ? source.index : index + 1;
      return number + ". " + title + (uri ? " — " + (safeLink(uri) || uri) : "");
    });
    return this.text.trimEnd() + "\n\n" + t("copy.sources") + "\n" + lines.join("\n");
  }
}

/** The clipboard API where the page is a secure context; the older copy command on plain-http LAN pages. */
function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text);
  }
  const area = make("textarea", "visually-hidden");
  area.value = text;
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  return copied ? Promise.resolve() : Promise.reject(new Error("copy command refused"));
}

function sourceList(sources) {
  const box = make("section", "sources");
  box.setAttribute("aria-label", t("sources.heading"));
  box.dataset.i18nAriaLabel = "sources.heading";
  box.appendChild(makeText("h3", "sources-heading", "sources.heading"));
  const list = make("ol", "source-list");
  sources.forEach((source) => {
    const item = make("li", "source");
    const uri = typeof source.uri === "string" ? source.uri : "";
    const title = make("span", "source-title",
      typeof source.title === "string" && source.title.trim() ? source.title : uri || t("sources.untitled"));
    if (Number.isInteger(source.index) && source.index > 0) {
      // The number the answer's citations [n] use for this source.
      item.appendChild(make("span", "source-index", "[" + source.index + "]"));
    }
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
      badge.dataset.i18nTitle = "sources.confidence";
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
