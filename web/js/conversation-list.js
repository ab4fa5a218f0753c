/*
 * The user's conversations: the session API (POST /user-session) and the sidebar list (newest first, the
 * current one marked; each can be renamed or deleted), which a search by title replaces with the matches
 * among all of the user's conversations.
 */
import { config } from "./settings.js";
import { ui, make, setStatus } from "./dom.js";
import { t, formatDateTime } from "./i18n.js";

/** A pause in typing this long starts the search, so it does not run on every key. */
const SEARCH_DELAY_MS = 250;
/** The session API keeps titles up to this length. */
const MAX_TITLE_CHARS = 200;

/** Text compared without case or accents, so "permiso" finds "Permisos" and "tramite" finds "trámite". */
function folded(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase();
}

/** The session API refused the token; the page has already been told (it shows sign-in). */
export class Unauthorized extends Error {}

export class SessionApi {
  /** @param {{token: function(): string|null, onUnauthorized: function()}} handlers */
  constructor(handlers) {
    this.handlers = handlers;
  }

  post(body) {
    const headers = { "Content-Type": "application/json" };
    const token = this.handlers.token();
    if (token) {
      headers.Authorization = "Bearer " + token;
    }
    return fetch(config.sessionApiUrl, { method: "POST", headers: headers, body: JSON.stringify(body) });
  }

  /** True when the session route refuses the page's token (401/403); false when it accepts it or is unreachable. */
  async refusesToken() {
    try {
      const response = await this.post({ operation: "list_sessions_by_user_id" });
      return response.status === 401 || response.status === 403;
    } catch (e) {
      return false;
    }
  }

  async call(body) {
    const response = await this.post(body);
    if (response.status === 401 && config.auth.mode !== "none") {
      this.handlers.onUnauthorized();
      throw new Unauthorized("unauthorized");
    }
    const result = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(result && typeof result.error === "string" ? result.error : "status " + response.status);
    }
    return result;
  }
}

/** Shows a failed session call in the status line, unless it was the refused token (sign-in is shown then). */
export function reportFailure(error, key) {
  if (!(error instanceof Unauthorized)) {
    setStatus(key, key === "status.loadSessionsFailed" ? "warn" : "error", { reason: error.message });
  }
}

export class ConversationList {
  /** @param {SessionApi} api @param {{onChoose: function(string), onDeleted: function(string)}} handlers */
  constructor(api, handlers) {
    this.api = api;
    this.handlers = handlers;
    this.activeId = null;
    /** The search text; empty shows the recent conversations. */
    this.query = "";
    this.searchTimer = null;
    ui.sessionSearch.addEventListener("input", () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.search(ui.sessionSearch.value), SEARCH_DELAY_MS);
    });
  }

  /** What a listing operation answers, or undefined when it failed (the status line then says why). */
  async list(operation, failureKey) {
    try {
      return await this.api.call({ operation });
    } catch (e) {
      reportFailure(e, failureKey);
      return undefined;
    }
  }

  /** Shows the recent conversations, or the search's matches again while a search is on. */
  async refresh() {
    if (this.query) {
      return this.search(this.query);
    }
    const sessions = await this.list("list_sessions_by_user_id", "status.loadSessionsFailed");
    if (sessions === undefined) {
      return;
    }
    if (!this.query) {
      this.showHeading("sessions.heading");
      this.render(Array.isArray(sessions) ? sessions : []);
    }
  }

  /** Lists the user's conversations (all of them, not only the recent ones) whose title contains the text. */
  async search(text) {
    const query = text.trim();
    this.query = query;
    if (!query) {
      return this.refresh();
    }
    const sessions = await this.list("list_all_sessions_by_user_id", "search.failed");
    if (sessions === undefined) {
      return;
    }
    if (this.query !== query) {
      return; // a newer search has started meanwhile
    }
    const wanted = folded(query);
    const matches = (Array.isArray(sessions) ? sessions : [])
      .filter((s) => s && typeof s.title === "string" && folded(s.title).includes(wanted));
    this.showHeading("search.heading");
    this.render(matches);
    ui.sessionsEmpty.hidden = true;
    setStatus(matches.length ? "search.count" : "search.none", "info", { count: matches.length, query: query });
  }

  showHeading(key) {
    ui.sessionsHeading.dataset.i18n = key;
    ui.sessionsHeading.textContent = t(key);
  }

  clear() {
    ui.sessions.replaceChildren();
  }

  /** Marks the conversation the page is in (null: a new one not yet in the list). */
  markActive(sessionId) {
    this.activeId = sessionId;
    ui.sessions.querySelectorAll("li.session").forEach((item) => {
      const active = item.dataset.sessionId === sessionId;
      item.classList.toggle("active", active);
      const open = item.querySelector(".session-open");
      if (active) {
        open.setAttribute("aria-current", "true");
      } else {
        open.removeAttribute("aria-current");
      }
    });
  }

  render(sessions) {
    const sorted = sessions
      .filter((s) => s && typeof s.session_id === "string")
      .sort((a, b) => String(b.updated_at || "").localeCompare(String(a.updated_at || "")));
    const items = sorted.map((session) => this.item(session));
    ui.sessions.replaceChildren(...items);
    ui.sessionsEmpty.hidden = items.length > 0;
    this.markActive(this.activeId);
  }

  item(session) {
    const item = make("li", "session");
    item.dataset.sessionId = session.session_id;
    const title = typeof session.title === "string" && session.title.trim() ? session.title : t("sessions.untitled");
    const open = make("button", "session-open");
    open.type = "button";
    open.title = title;
    open.appendChild(make("span", "session-title", title));
    const when = Date.parse(session.updated_at || "");
    if (!Number.isNaN(when)) {
      open.appendChild(make("span", "session-time", formatDateTime(new Date(when))));
    }
    open.addEventListener("click", () => this.handlers.onChoose(session.session_id));
    const rename = make("button", "rename", "✎");
    rename.type = "button";
    rename.setAttribute("aria-label", t("sessions.renameNamed", { title: title }));
    rename.title = t("sessions.rename");
    rename.addEventListener("click", () => this.startRenaming(item, session.session_id, title));
    const remove = make("button", "delete", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", t("sessions.deleteNamed", { title: title }));
    remove.title = t("sessions.delete");
    remove.addEventListener("click", () => this.remove(session.session_id));
    item.append(open, rename, remove);
    return item;
  }

  /** Swaps the item's buttons for a small form: Enter or Save renames, Escape or Cancel puts them back. */
  startRenaming(item, sessionId, title) {
    const buttons = Array.from(item.children);
    const form = make("form", "rename-form");
    const label = make("label", "visually-hidden", t("sessions.newTitle"));
    const field = make("input", "rename-title");
    field.id = "rename-" + sessionId;
    label.htmlFor = field.id;
    field.value = title;
    field.maxLength = MAX_TITLE_CHARS;
    field.required = true;
    const save = make("button", "primary", t("sessions.save"));
    save.type = "submit";
    const cancel = make("button", "", t("sessions.cancel"));
    cancel.type = "button";
    const putBack = () => {
      form.replaceWith(...buttons);
      buttons[1].focus();
    };
    cancel.addEventListener("click", putBack);
    field.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        putBack();
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.rename(sessionId, field.value.trim());
    });
    form.append(label, field, save, cancel);
    item.replaceChildren(form);
    field.select();
  }

  async rename(sessionId, title) {
    if (!title) {
      return;
    }
    try {
      await this.api.call({ operation: "update_session", session_id: sessionId, title: title });
    } catch (e) {
      reportFailure(e, "status.renameFailed");
      return;
    }
    setStatus("status.renamed", "ok");
    await this.refresh();
    const renamed = ui.sessions.querySelector("li.session[data-session-id='" + CSS.escape(sessionId) + "'] .session-open");
    if (renamed) {
      renamed.focus();
    }
  }

  async remove(sessionId) {
    try {
      await this.api.call({ operation: "delete_session", session_id: sessionId });
    } catch (e) {
      reportFailure(e, "status.deleteFailed");
      return;
    }
    this.handlers.onDeleted(sessionId);
    setStatus("status.deleted", "ok");
    this.refresh();
  }
}
