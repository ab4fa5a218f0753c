/*
 * The user's conversations: the session API (POST /user-session) and the sidebar list (newest first, the
 * current one marked, × deletes).
 */
import { config } from "./settings.js";
import { ui, make, setStatus } from "./dom.js";
import { t, formatDateTime } from "./i18n.js";

/** The session API refused the token; the page has already been told (it shows sign-in). */
export class Unauthorized extends Error {}

export class SessionApi {
  /** @param {{token: function(): string|null, onUnauthorized: function()}} handlers */
  constructor(handlers) {
    this.handlers = handlers;
  }

  async call(body) {
    const headers = { "Content-Type": "application/json" };
    const token = this.handlers.token();
    if (token) {
      headers.Authorization = "Bearer " + token;
    }
    const response = await fetch(config.sessionApiUrl, { method: "POST", headers: headers, body: JSON.stringify(body) });
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
  }

  async refresh() {
    let sessions;
    try {
      sessions = await this.api.call({ operation: "list_sessions_by_user_id" });
    } catch (e) {
      reportFailure(e, "status.loadSessionsFailed");
      return;
    }
    this.render(Array.isArray(sessions) ? sessions : []);
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
    const remove = make("button", "delete", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", t("sessions.deleteNamed", { title: title }));
    remove.title = t("sessions.delete");
    remove.addEventListener("click", () => this.remove(session.session_id));
    item.appendChild(open);
    item.appendChild(remove);
    return item;
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
