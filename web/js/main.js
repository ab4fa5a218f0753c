/*
 * The chat page's controller: typed WebSocket protocol (action sendMessage), the conversation list over
 * POST /user-session, sign-in for the local runtime's dev tokens or Cognito's Hosted UI. The modules it wires:
 * connection.js (the socket), conversation-list.js (sessions), message-view.js (what is shown), markdown.js
 * (safe rendering), auth.js (tokens), i18n.js (strings).
 */
import { config } from "./settings.js";
import { ui, make, setStatus, setStatusText, showStatus, uuid } from "./dom.js";
import { t, currentLocale, preferredLanguage, useLanguage, availableLanguages, rememberChoice } from "./i18n.js";
import * as auth from "./auth.js";
import { Connection } from "./connection.js";
import { SessionApi, ConversationList, reportFailure } from "./conversation-list.js";
import { AdminView } from "./admin-view.js";
import { feedbackControls } from "./feedback-view.js";
import { AnswerView, addUserMessage, clearConversation, scrollToEnd, sourcesOf } from "./message-view.js";

const DRAFT_KEY = "knowledgebot.draft";

const state = {
  token: null,
  /** The question in the box is to be sent as soon as the connection is open. */
  queued: false,
  /** A refused token was already replaced by a refreshed one once; a second refusal means signing in. */
  refreshedAfterRefusal: false,
  currentSessionId: null,
  /** The answer being received: {requestId, question, view}, and its sessionId and messageId once started. */
  pending: null,
  silenceTimer: null,
};

const connection = new Connection({
  prepare: async () => {
    if (config.auth.mode === "none") {
      return socketUrl();
    }
    // A token about to expire is refreshed (Cognito's refresh token) before the handshake, not after a refusal.
    const token = await auth.freshToken();
    if (token === null) {
      showSignIn(t("signIn.expired"));
      return null;
    }
    state.token = token;
    return socketUrl();
  },
  onOpen: () => {
    state.refreshedAfterRefusal = false;
    updateButtons();
    if (state.queued) {
      state.queued = false;
      sendMessage();
    }
  },
  onFrame: onFrame,
  onClosed: onConnectionClosed,
  wasRefused: () => (config.auth.mode === "none" ? Promise.resolve(false) : sessionApi.refusesToken()),
  onRefused: onTokenRefused,
});
const sessionApi = new SessionApi({
  token: () => state.token,
  onUnauthorized: () => {
    auth.forgetToken(false);
    showSignIn(t("signIn.expired"));
  },
});
const adminView = new AdminView(() => state.token);
const conversations = new ConversationList(sessionApi, {
  onChoose: loadSession,
  onDeleted: (sessionId) => {
    if (state.currentSessionId === sessionId) {
      resetConversation();
    }
  },
});

// ---------------------------------------------------------------- signing in and out

/** The server refused the token: try a refreshed one once, else drop it and ask the user to sign in again. */
async function onTokenRefused() {
  auth.forgetToken(false);
  const refreshed = state.refreshedAfterRefusal ? null : await auth.refreshedToken();
  if (refreshed !== null) {
    state.refreshedAfterRefusal = true;
    enterApp(refreshed);
    return;
  }
  auth.forgetToken(true);
  showSignIn(t("signIn.refused"));
}

function showSignIn(message) {
  keepDraft();
  ui.app.hidden = true;
  ui.account.hidden = true;
  ui.signIn.hidden = false;
  ui.localSignIn.hidden = config.auth.mode !== "local";
  ui.cognitoSignIn.hidden = config.auth.mode !== "cognito";
  ui.signInError.textContent = message || "";
  setStatus("status.signedOut", "info");
  (config.auth.mode === "local" ? ui.username : ui.cognitoSignIn).focus();
}

function enterApp(token) {
  sessionStorage.removeItem(DRAFT_KEY);
  state.token = token;
  ui.signIn.hidden = true;
  ui.app.hidden = false;
  if (token) {
    auth.storeToken(token);
    ui.accountName.textContent = auth.jwtName(token);
    ui.account.hidden = false;
  }
  connection.connect();
  conversations.refresh();
  adminView.probe();
  ui.message.focus();
}

function signOut() {
  auth.forgetToken(true);
  ui.message.value = "";
  state.queued = false;
  state.token = null;
  connection.shutDown();
  resetConversation();
  conversations.clear();
  if (config.auth.mode === "cognito" && config.auth.cognitoDomain) {
    auth.cognitoSignOut();
    return;
  }
  showSignIn("");
}

function socketUrl() {
  if (!state.token) {
    return config.websocketUrl;
  }
  const separator = config.websocketUrl.includes("?") ? "&" : "?";
  return config.websocketUrl + separator + "Authorization=" + encodeURIComponent(state.token);
}

// ---------------------------------------------------------------- frames

function onConnectionClosed(event, closedByPage) {
  if (state.pending) {
    if (closedByPage === "stop") {
      finishPending("message.stopped", "note");
    } else if (closedByPage === "silence") {
      finishPending("message.silent", "error");
    } else {
      finishPending("message.lost", "error");
    }
    conversations.refresh();
  }
  updateButtons();
}

function onFrame(frame) {
  const pending = state.pending;
  if (frame.type === "error" && !frame.requestId) {
    // The server could not read our message (e.g. malformed or too large): it concerns the pending request.
    failPending(frame);
    setStatusText(errorText(frame), "error");
    return;
  }
  if (!pending || frame.requestId !== pending.requestId) {
    return;
  }
  watchForSilence();
  switch (frame.type) {
    case "start":
      if (typeof frame.sessionId === "string" && frame.sessionId) {
        state.currentSessionId = frame.sessionId;
        conversations.markActive(frame.sessionId);
        pending.sessionId = frame.sessionId;
      }
      if (typeof frame.messageId === "string") {
        pending.messageId = frame.messageId;
      }
      setStatus("status.answering", "info");
      break;
    case "token":
      if (typeof frame.text === "string") {
        pending.view.streamText(frame.text);
      }
      break;
    case "sources":
      pending.view.showSources(Array.isArray(frame.sources) ? frame.sources : []);
      scrollToEnd();
      break;
    case "notice":
      pending.view.addNote(typeof frame.message === "string" ? { text: frame.message } : "message.notice", "notice");
      break;
    case "error":
      failPending(frame);
      setStatus("status.answerFailed", "error");
      break;
    case "end":
      if (frame.stopReason === "max_tokens") {
        pending.view.addNote("message.cutOff", "note");
      }
      finishPending(null);
      offerRating(pending.view, pending.sessionId, pending.messageId);
      setStatus("status.connected", "ok");
      conversations.refresh();
      break;
    default:
      break;
  }
}

/** 👍 / 👎 under an answer the server named (a start frame's or a stored turn's messageId). */
function offerRating(view, sessionId, messageId) {
  if (view.text && typeof sessionId === "string" && sessionId && typeof messageId === "string" && messageId) {
    view.element.appendChild(feedbackControls({ sessionId: sessionId, messageId: messageId }, () => state.token));
  }
}

function errorText(frame) {
  const message = typeof frame.message === "string" && frame.message ? frame.message : t("error.generic");
  return frame.retryable === true ? t("error.tryAgain", { message: message }) : message;
}

/** Ends the pending answer with the error and, when nothing was answered, gives the question back to edit. */
function failPending(frame) {
  const pending = state.pending;
  if (!pending) {
    return;
  }
  if (!pending.view.text && !ui.message.value) {
    ui.message.value = pending.question;
  }
  finishPending({ text: errorText(frame) }, "error");
}

function finishPending(note, kind) {
  const pending = state.pending;
  if (!pending) {
    return;
  }
  state.pending = null;
  clearTimeout(state.silenceTimer);
  pending.view.finish(note, kind);
  updateButtons();
  scrollToEnd();
}

// ---------------------------------------------------------------- sending and stopping

function sendMessage() {
  const text = ui.message.value.trim();
  if (!text || state.pending) {
    return;
  }
  const requestId = uuid();
  const payload = { action: "sendMessage", requestId: requestId, message: text, locale: currentLocale() };
  if (state.currentSessionId) {
    payload.sessionId = state.currentSessionId;
  }
  if (!connection.send(payload)) {
    state.queued = true;
    setStatus("status.queued", "warn");
    return;
  }
  ui.message.value = "";
  addUserMessage(text);
  state.pending = { requestId: requestId, question: text, view: AnswerView.pending() };
  watchForSilence();
  setStatus("status.waiting", "info");
  updateButtons();
  scrollToEnd();
}

/** Closing the socket is the stop signal: the server cancels generation when the client is gone. */
function closeForPendingAnswer(reason) {
  if (state.pending) {
    connection.closeFor(reason);
  }
}

function watchForSilence() {
  clearTimeout(state.silenceTimer);
  state.silenceTimer = setTimeout(() => closeForPendingAnswer("silence"), config.answerTimeoutMs);
}

function updateButtons() {
  const busy = state.pending !== null;
  ui.send.disabled = busy || !connection.connected;
  ui.stop.disabled = !busy;
}

// ---------------------------------------------------------------- conversations

function resetConversation() {
  state.currentSessionId = null;
  clearConversation();
  conversations.markActive(null);
}

async function loadSession(sessionId) {
  closeForPendingAnswer("stop");
  let session;
  try {
    session = await sessionApi.call({ operation: "get_session", session_id: sessionId });
  } catch (e) {
    reportFailure(e, "status.openSessionFailed");
    return;
  }
  if (!session || !Array.isArray(session.chat_history)) {
    setStatus("status.sessionGone", "warn");
    conversations.refresh();
    return;
  }
  state.currentSessionId = sessionId;
  ui.messages.replaceChildren();
  session.chat_history.forEach((turn) => {
    addUserMessage(typeof turn.user === "string" ? turn.user : "");
    const note = turn.status === "CANCELLED" ? "message.wasStopped" : turn.status === "INCOMPLETE" ? "message.incomplete" : null;
    const view = AnswerView.stored(typeof turn.chatbot === "string" ? turn.chatbot : "", sourcesOf(turn.metadata), note);
    offerRating(view, sessionId, turn.message_id);
  });
  conversations.markActive(sessionId);
  setStatus(connection.connected ? "status.connected" : "status.notConnected", connection.connected ? "ok" : "warn");
  scrollToEnd();
  ui.message.focus();
}

// ---------------------------------------------------------------- wiring

ui.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  sendMessage();
});
ui.message.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    sendMessage();
  }
});
ui.stop.addEventListener("click", () => closeForPendingAnswer("stop"));
ui.newChat.addEventListener("click", () => {
  closeForPendingAnswer("stop");
  resetConversation();
  ui.message.focus();
});
ui.signOut.addEventListener("click", signOut);
ui.localSignIn.addEventListener("submit", async (event) => {
  event.preventDefault();
  ui.signInError.textContent = "";
  try {
    enterApp(await auth.signInLocally(ui.username.value.trim()));
  } catch (e) {
    ui.signInError.textContent = e.message;
  }
});
ui.cognitoSignIn.addEventListener("click", () => {
  auth.startCognitoSignIn().catch((e) => { ui.signInError.textContent = t("signIn.couldNotStart", { reason: e.message }); });
});

// ---------------------------------------------------------------- a question kept across a sign-in

/** Signing in with Cognito leaves the page: the question in the box (and whether it was sent) waits in the tab. */
function keepDraft() {
  if (ui.message.value.trim()) {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ text: ui.message.value, queued: state.queued }));
  }
}

function restoreDraft() {
  const draft = JSON.parse(sessionStorage.getItem(DRAFT_KEY) || "null");
  sessionStorage.removeItem(DRAFT_KEY);
  if (draft && typeof draft.text === "string" && !ui.message.value) {
    ui.message.value = draft.text;
    state.queued = draft.queued === true;
  }
}

// ---------------------------------------------------------------- language

async function showLanguageSwitcher() {
  const options = (await availableLanguages()).map((language) => {
    const option = make("option", "", language.name);
    option.value = language.code;
    option.lang = language.code;
    return option;
  });
  ui.language.replaceChildren(...options);
  ui.language.value = currentLocale();
  ui.language.addEventListener("change", async () => {
    rememberChoice(ui.language.value);
    await useLanguage(ui.language.value);
    showStatus();
    adminView.usage.render();
    if (!ui.app.hidden) {
      conversations.refresh();
    }
  });
}

async function start() {
  await useLanguage(preferredLanguage());
  showStatus();
  await showLanguageSwitcher();
  restoreDraft();
  updateButtons();
  if (config.auth.mode === "none") {
    enterApp(null);
    return;
  }
  try {
    const token = config.auth.mode === "cognito" ? (await auth.completeCognitoSignIn()) || auth.storedToken() : auth.storedToken();
    if (token) {
      enterApp(token);
    } else {
      showSignIn("");
    }
  } catch (e) {
    showSignIn(e.message);
  }
}

start();
