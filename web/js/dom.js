/* The page's elements and the small DOM helpers every module uses. */
import { t } from "./i18n.js";

const SAFE_LINK_PROTOCOLS = new Set(["http:", "https:", "file:"]);

const el = (id) => document.getElementById(id);

export const ui = {
  status: el("status"),
  app: el("app"),
  signIn: el("sign-in"),
  localSignIn: el("local-sign-in"),
  username: el("username"),
  cognitoSignIn: el("cognito-sign-in"),
  signInError: el("sign-in-error"),
  account: el("account"),
  accountName: el("account-name"),
  signOut: el("sign-out"),
  newChat: el("new-chat"),
  sessions: el("sessions"),
  sessionsHeading: el("sessions-heading"),
  sessionSearch: el("session-search"),
  sessionsEmpty: el("sessions-empty"),
  messages: el("messages"),
  welcome: el("welcome"),
  composer: el("composer"),
  message: el("message"),
  send: el("send"),
  stop: el("stop"),
  language: el("language"),
};

let lastStatus = { key: "status.starting", kind: "info", values: undefined, text: null };

/** Shows the status line's message for key (re-translated when the language changes). */
export function setStatus(key, kind, values) {
  lastStatus = { key: key, kind: kind, values: values, text: null };
  showStatus();
}

/** Shows text from the server (e.g. an error message) as it is. */
export function setStatusText(text, kind) {
  lastStatus = { key: null, kind: kind, values: undefined, text: text };
  showStatus();
}

/** Writes the last status again, in the current language. */
export function showStatus() {
  ui.status.textContent = lastStatus.text !== null ? lastStatus.text : t(lastStatus.key, lastStatus.values);
  ui.status.dataset.kind = lastStatus.kind || "info";
}

/** An element with a class and text (always set as text, never as markup). */
export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

/** An element showing the string for key, marked so a change of language translates it again. */
export function makeText(tag, className, key) {
  const node = make(tag, className, t(key));
  node.dataset.i18n = key;
  return node;
}

/** The absolute URL when uri is an http(s) or file link (relative ones resolved), otherwise null. */
export function safeLink(uri) {
  if (typeof uri !== "string" || uri === "") {
    return null;
  }
  try {
    const parsed = new URL(uri, document.baseURI);
    return SAFE_LINK_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

export function uuid() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") {
    return window.crypto.randomUUID();
  }
  // crypto.randomUUID exists only in secure contexts; plain-http LAN pages build a v4 UUID themselves.
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
}
