/*
 * The chat page: typed WebSocket protocol (action sendMessage), session list over POST /user-session,
 * sign-in for the local runtime's dev tokens or Cognito's Hosted UI (authorization code + PKCE).
 *
 * Everything that comes from the server (answers, titles, excerpts, errors) is untrusted: plain text goes
 * through textContent, answers through KnowledgebotMarkdown.render, which escapes before it formats.
 */
(function () {
  "use strict";

  const TOKEN_KEY = "knowledgebot.idToken";
  const PKCE_KEY = "knowledgebot.pkce";
  const RECONNECT_BASE_MS = 500;
  const RECONNECT_MAX_MS = 15000;
  // Deltas arrive within seconds while an answer streams; this long a silence means the answer is lost.
  const DEFAULT_ANSWER_TIMEOUT_SECONDS = 120;
  const SAFE_LINK_PROTOCOLS = new Set(["http:", "https:", "file:"]);

  const config = readConfig(window.CHATBOT_CONFIG);
  const el = (id) => document.getElementById(id);
  const ui = {
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
    sessionsEmpty: el("sessions-empty"),
    messages: el("messages"),
    welcome: el("welcome"),
    composer: el("composer"),
    message: el("message"),
    send: el("send"),
    stop: el("stop"),
  };

  const state = {
    token: null,
    socket: null,
    connected: false,
    reconnectAttempts: 0,
    reconnectTimer: null,
    silenceTimer: null,
    currentSessionId: null,
    pending: null,
    signedOut: false,
  };

  // ---------------------------------------------------------------- configuration

  function readConfig(raw) {
    const given = raw && typeof raw === "object" ? raw : {};
    const httpOrigin = /^https?:$/.test(location.protocol) ? location.origin : "http://localhost:8080";
    const wsOrigin = httpOrigin.replace(/^http/, "ws");
    const auth = given.auth && typeof given.auth === "object" ? given.auth : {};
    const timeout = Number(given.answerTimeoutSeconds);
    return {
      answerTimeoutMs: (Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_ANSWER_TIMEOUT_SECONDS) * 1000,
      websocketUrl: given.websocketUrl || wsOrigin + "/socket",
      sessionApiUrl: given.sessionApiUrl || httpOrigin + "/user-session",
      auth: {
        mode: ["local", "cognito"].includes(auth.mode) ? auth.mode : "none",
        tokenUrl: auth.tokenUrl || httpOrigin + "/dev/token",
        cognitoDomain: (auth.cognitoDomain || "").replace(/\/+$/, ""),
        clientId: auth.clientId || "",
        redirectUri: auth.redirectUri || httpOrigin + "/",
        scopes: auth.scopes || "openid email profile",
      },
    };
  }

  // ---------------------------------------------------------------- status and small helpers

  function setStatus(text, kind) {
    ui.status.textContent = text;
    ui.status.dataset.kind = kind || "info";
  }

  function uuid() {
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

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function safeLink(uri) {
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

  function scrollToEnd() {
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  /** True unless the reader has scrolled up: streaming then leaves the scroll position alone. */
  function isScrolledToEnd() {
    return ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 80;
  }

  // ---------------------------------------------------------------- authentication

  function jwtExpiry(token) {
    try {
      const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const claims = JSON.parse(atob(payload));
      return typeof claims.exp === "number" ? claims.exp * 1000 : null;
    } catch (e) {
      return null;
    }
  }

  function jwtName(token) {
    try {
      const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const claims = JSON.parse(atob(payload));
      return claims["cognito:username"] || claims.email || claims.sub || "";
    } catch (e) {
      return "";
    }
  }

  function storedToken() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
      return null;
    }
    const expiry = jwtExpiry(token);
    if (expiry !== null && expiry <= Date.now() + 30000) {
      sessionStorage.removeItem(TOKEN_KEY);
      return null;
    }
    return token;
  }

  function base64Url(bytes) {
    let binary = "";
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  async function startCognitoSignIn() {
    const auth = config.auth;
    const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
    const challenge = base64Url(new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
    const stateValue = base64Url(crypto.getRandomValues(new Uint8Array(16)));
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier: verifier, state: stateValue }));
    const query = new URLSearchParams({
      response_type: "code",
      client_id: auth.clientId,
      redirect_uri: auth.redirectUri,
      scope: auth.scopes,
      state: stateValue,
      code_challenge_method: "S256",
      code_challenge: challenge,
    });
    location.assign(auth.cognitoDomain + "/oauth2/authorize?" + query.toString());
  }

  /** Finishes a Hosted UI redirect (?code=…&state=…); returns the ID token or null when there is none. */
  async function completeCognitoSignIn() {
    const params = new URLSearchParams(location.search);
    const code = params.get("code");
    if (!code && !params.get("error")) {
      return null;
    }
    history.replaceState(null, "", location.pathname);
    if (!code) {
      throw new Error("Sign-in was not completed: " + params.get("error"));
    }
    const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || "null");
    sessionStorage.removeItem(PKCE_KEY);
    if (!saved || saved.state !== params.get("state")) {
      throw new Error("Sign-in response did not match this browser tab; please sign in again.");
    }
    const response = await fetch(config.auth.cognitoDomain + "/oauth2/token", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: config.auth.clientId,
        code: code,
        redirect_uri: config.auth.redirectUri,
        code_verifier: saved.verifier,
      }).toString(),
    });
    if (!response.ok) {
      throw new Error("Sign-in failed (" + response.status + "); please try again.");
    }
    const tokens = await response.json();
    if (!tokens.id_token) {
      throw new Error("Sign-in returned no ID token.");
    }
    return tokens.id_token;
  }

  async function signInLocally(username) {
    const response = await fetch(config.auth.tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: username }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || typeof body.idToken !== "string") {
      const reason = typeof body.error === "string" ? body.error : body.message;
      throw new Error(typeof reason === "string" ? reason : "Sign-in failed (" + response.status + ").");
    }
    return body.idToken;
  }

  function showSignIn(message) {
    ui.app.hidden = true;
    ui.account.hidden = true;
    ui.signIn.hidden = false;
    ui.localSignIn.hidden = config.auth.mode !== "local";
    ui.cognitoSignIn.hidden = config.auth.mode !== "cognito";
    ui.signInError.textContent = message || "";
    setStatus("Signed out", "info");
    (config.auth.mode === "local" ? ui.username : ui.cognitoSignIn).focus();
  }

  function enterApp(token) {
    state.token = token;
    state.signedOut = false;
    ui.signIn.hidden = true;
    ui.app.hidden = false;
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      ui.accountName.textContent = jwtName(token);
      ui.account.hidden = false;
    }
    connect();
    refreshSessions();
    ui.message.focus();
  }

  function signOut() {
    state.signedOut = true;
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    clearTimeout(state.reconnectTimer);
    if (state.socket) {
      state.socket.close(1000, "signed out");
    }
    resetConversation();
    ui.sessions.replaceChildren();
    if (config.auth.mode === "cognito" && config.auth.cognitoDomain) {
      const query = new URLSearchParams({ client_id: config.auth.clientId, logout_uri: config.auth.redirectUri });
      location.assign(config.auth.cognitoDomain + "/logout?" + query.toString());
      return;
    }
    showSignIn("");
  }

  // ---------------------------------------------------------------- WebSocket

  function socketUrl() {
    if (!state.token) {
      return config.websocketUrl;
    }
    const separator = config.websocketUrl.includes("?") ? "&" : "?";
    return config.websocketUrl + separator + "Authorization=" + encodeURIComponent(state.token);
  }

  function connect() {
    clearTimeout(state.reconnectTimer);
    if (config.auth.mode !== "none" && state.token && storedToken() === null) {
      showSignIn("Your sign-in has expired; please sign in again.");
      return;
    }
    setStatus(state.reconnectAttempts ? "Reconnecting…" : "Connecting…", "info");
    let socket;
    try {
      socket = new WebSocket(socketUrl());
    } catch (e) {
      setStatus("Cannot open the chat connection.", "error");
      return;
    }
    state.socket = socket;
    socket.addEventListener("open", () => {
      if (state.socket !== socket) {
        return;
      }
      state.connected = true;
      state.reconnectAttempts = 0;
      setStatus("Connected", "ok");
      updateButtons();
    });
    socket.addEventListener("message", (event) => {
      if (state.socket === socket) {
        onFrame(event.data);
      }
    });
    socket.addEventListener("close", (event) => {
      if (state.socket !== socket) {
        return;
      }
      state.connected = false;
      state.socket = null;
      onConnectionClosed(event);
    });
  }

  function onConnectionClosed(event) {
    const closedByPage = state.pending ? state.pending.closedBecause : null;
    if (state.pending) {
      if (closedByPage === "stop") {
        finishPending("Stopped.", "note");
      } else if (closedByPage === "silence") {
        finishPending("The server stopped answering. You can ask again.", "error");
      } else {
        finishPending("The connection was lost before the answer was complete.", "error");
      }
      refreshSessions();
    }
    updateButtons();
    if (state.signedOut) {
      return;
    }
    if (event.code === 1009) {
      setStatus("That message was too large for the connection; it was not sent.", "error");
    }
    // A close the page made itself (Stop, silence) reconnects at once; anything else backs off with jitter.
    const delay = closedByPage ? 0
      : Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * Math.pow(2, state.reconnectAttempts)) * (0.75 + Math.random() / 2);
    state.reconnectAttempts++;
    if (!closedByPage && event.code !== 1009) {
      setStatus("Disconnected — reconnecting in " + Math.ceil(delay / 1000) + " s…", "warn");
    }
    state.reconnectTimer = setTimeout(connect, delay);
  }

  function onFrame(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (!frame || typeof frame !== "object") {
      return;
    }
    const pending = state.pending;
    if (frame.type === "error" && !frame.requestId) {
      // The server could not read our message (e.g. malformed or too large): it concerns the pending request.
      failPending(frame);
      showError(frame);
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
          markActiveSession();
        }
        setStatus("Answering…", "info");
        break;
      case "token":
        if (typeof frame.text === "string") {
          const following = isScrolledToEnd();
          pending.text += frame.text;
          renderAnswer(pending.body, pending.text);
          if (following) {
            scrollToEnd();
          }
        }
        break;
      case "sources":
        renderSources(pending.element, Array.isArray(frame.sources) ? frame.sources : []);
        scrollToEnd();
        break;
      case "notice":
        addNote(pending.element, typeof frame.message === "string" ? frame.message : "Notice", "notice");
        break;
      case "error":
        failPending(frame);
        setStatus("The answer failed.", "error");
        break;
      case "end":
        if (frame.stopReason === "max_tokens") {
          addNote(pending.element, "The answer was cut off at the length limit.", "note");
        }
        finishPending(null);
        setStatus("Connected", "ok");
        refreshSessions();
        break;
      default:
        break;
    }
  }

  function errorText(frame) {
    const message = typeof frame.message === "string" && frame.message ? frame.message : "Something went wrong.";
    return frame.retryable === true ? message + " You can try again." : message;
  }

  /** Ends the pending answer with the error and, when nothing was answered, gives the question back to edit. */
  function failPending(frame) {
    const pending = state.pending;
    if (!pending) {
      return;
    }
    if (!pending.text) {
      if (!ui.message.value) {
        ui.message.value = pending.question;
      }
    }
    finishPending(errorText(frame), "error");
  }

  function showError(frame) {
    setStatus(errorText(frame), "error");
  }

  // ---------------------------------------------------------------- conversation rendering

  function clearWelcome() {
    if (ui.welcome.isConnected) {
      ui.welcome.remove();
    }
  }

  function addUserMessage(text) {
    clearWelcome();
    const node = make("div", "message user");
    node.appendChild(make("div", "message-label visually-hidden", "You said:"));
    node.appendChild(make("div", "message-body", text));
    ui.messages.appendChild(node);
    return node;
  }

  function addAssistantMessage() {
    clearWelcome();
    const node = make("div", "message assistant");
    node.appendChild(make("div", "message-label visually-hidden", "Answer:"));
    const body = make("div", "message-body markdown");
    node.appendChild(body);
    ui.messages.appendChild(node);
    return { element: node, body: body };
  }

  function renderAnswer(body, text) {
    body.innerHTML = window.KnowledgebotMarkdown.render(text);
  }

  function renderSources(messageElement, sources) {
    const existing = messageElement.querySelector(".sources");
    if (existing) {
      existing.remove();
    }
    const usable = sources.filter((s) => s && typeof s === "object");
    if (!usable.length) {
      return;
    }
    const box = make("section", "sources");
    box.setAttribute("aria-label", "Sources");
    box.appendChild(make("h3", "sources-heading", "Sources"));
    const list = make("ol", "source-list");
    usable.forEach((source) => {
      const item = make("li", "source");
      const uri = typeof source.uri === "string" ? source.uri : "";
      const title = make("span", "source-title",
        typeof source.title === "string" && source.title.trim() ? source.title : uri || "Untitled source");
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
        badge.title = "Retrieval confidence";
        item.appendChild(badge);
      }
      if (typeof source.excerpt === "string" && source.excerpt.trim()) {
        item.appendChild(make("p", "excerpt", plainExcerpt(source.excerpt)));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    messageElement.appendChild(box);
  }

  /** Excerpts are raw document text: drop the Markdown markers so they read as prose (still set as text). */
  function plainExcerpt(excerpt) {
    return excerpt.replace(/\*\*|__|`|\|/g, "").replace(/(^|\s)#{1,6}(?=\s)/g, "$1").replace(/\s+/g, " ").trim();
  }

  function addNote(messageElement, text, kind) {
    const note = make("p", kind === "error" ? "message-error" : "message-note", text);
    if (kind === "error") {
      note.setAttribute("role", "alert");
    }
    messageElement.appendChild(note);
  }

  function finishPending(noteText, kind) {
    const pending = state.pending;
    if (!pending) {
      return;
    }
    state.pending = null;
    clearTimeout(state.silenceTimer);
    if (!pending.text) {
      pending.body.textContent = noteText ? "" : "(no answer)";
    }
    if (noteText) {
      addNote(pending.element, noteText, kind);
    }
    pending.element.removeAttribute("aria-busy");
    updateButtons();
    scrollToEnd();
  }

  function resetConversation() {
    state.currentSessionId = null;
    ui.messages.replaceChildren(ui.welcome);
    markActiveSession();
  }

  // ---------------------------------------------------------------- sending and stopping

  function sendMessage() {
    const text = ui.message.value.trim();
    if (!text || state.pending) {
      return;
    }
    if (!state.connected || !state.socket) {
      setStatus("Not connected yet — your message is kept; send it again in a moment.", "warn");
      return;
    }
    const requestId = uuid();
    const payload = { action: "sendMessage", requestId: requestId, message: text };
    if (state.currentSessionId) {
      payload.sessionId = state.currentSessionId;
    }
    state.socket.send(JSON.stringify(payload));
    ui.message.value = "";
    addUserMessage(text);
    const answer = addAssistantMessage();
    answer.element.setAttribute("aria-busy", "true");
    answer.body.appendChild(make("span", "typing", "Thinking…"));
    state.pending = { requestId: requestId, question: text, text: "", element: answer.element, body: answer.body, closedBecause: null };
    watchForSilence();
    setStatus("Waiting for the answer…", "info");
    updateButtons();
    scrollToEnd();
  }

  function stopAnswer() {
    closeForPendingAnswer("stop");
  }

  /** Closing the socket is the stop signal: the server cancels generation when the client is gone. */
  function closeForPendingAnswer(reason) {
    if (!state.pending || !state.socket) {
      return;
    }
    state.pending.closedBecause = reason;
    state.socket.close(1000, reason === "stop" ? "stopped by user" : "no answer");
  }

  function watchForSilence() {
    clearTimeout(state.silenceTimer);
    state.silenceTimer = setTimeout(() => closeForPendingAnswer("silence"), config.answerTimeoutMs);
  }

  function updateButtons() {
    const busy = state.pending !== null;
    ui.send.disabled = busy || !state.connected;
    ui.stop.disabled = !busy;
  }

  // ---------------------------------------------------------------- sessions

  async function sessionCall(body) {
    const headers = { "Content-Type": "application/json" };
    if (state.token) {
      headers.Authorization = "Bearer " + state.token;
    }
    const response = await fetch(config.sessionApiUrl, { method: "POST", headers: headers, body: JSON.stringify(body) });
    if (response.status === 401 && config.auth.mode !== "none") {
      sessionStorage.removeItem(TOKEN_KEY);
      showSignIn("Your sign-in has expired; please sign in again.");
      throw new Error("unauthorized");
    }
    const result = await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error(result && typeof result.error === "string" ? result.error : "status " + response.status);
    }
    return result;
  }

  async function refreshSessions() {
    let sessions;
    try {
      sessions = await sessionCall({ operation: "list_sessions_by_user_id" });
    } catch (e) {
      if (e.message !== "unauthorized") {
        setStatus("Could not load your conversations: " + e.message, "warn");
      }
      return;
    }
    renderSessions(Array.isArray(sessions) ? sessions : []);
  }

  function renderSessions(sessions) {
    const sorted = sessions
      .filter((s) => s && typeof s.session_id === "string")
      .sort((a, b) => String(b.updated_at || "").localeCompare(String(a.updated_at || "")));
    const items = sorted.map((session) => {
      const item = make("li", "session");
      item.dataset.sessionId = session.session_id;
      const title = typeof session.title === "string" && session.title.trim() ? session.title : "Untitled conversation";
      const open = make("button", "session-open");
      open.type = "button";
      open.title = title;
      open.appendChild(make("span", "session-title", title));
      const when = Date.parse(session.updated_at || "");
      if (!Number.isNaN(when)) {
        open.appendChild(make("span", "session-time", new Date(when).toLocaleString()));
      }
      open.addEventListener("click", () => loadSession(session.session_id));
      const remove = make("button", "delete", "×");
      remove.type = "button";
      remove.setAttribute("aria-label", "Delete conversation: " + title);
      remove.title = "Delete conversation";
      remove.addEventListener("click", () => deleteSession(session.session_id));
      item.appendChild(open);
      item.appendChild(remove);
      return item;
    });
    ui.sessions.replaceChildren(...items);
    ui.sessionsEmpty.hidden = items.length > 0;
    markActiveSession();
  }

  function markActiveSession() {
    ui.sessions.querySelectorAll("li.session").forEach((item) => {
      const active = item.dataset.sessionId === state.currentSessionId;
      item.classList.toggle("active", active);
      const open = item.querySelector(".session-open");
      if (active) {
        open.setAttribute("aria-current", "true");
      } else {
        open.removeAttribute("aria-current");
      }
    });
  }

  async function loadSession(sessionId) {
    if (state.pending) {
      stopAnswer();
    }
    let session;
    try {
      session = await sessionCall({ operation: "get_session", session_id: sessionId });
    } catch (e) {
      if (e.message !== "unauthorized") {
        setStatus("Could not open that conversation: " + e.message, "error");
      }
      return;
    }
    if (!session || !Array.isArray(session.chat_history)) {
      setStatus("That conversation no longer exists.", "warn");
      refreshSessions();
      return;
    }
    state.currentSessionId = sessionId;
    ui.messages.replaceChildren();
    session.chat_history.forEach((turn) => {
      addUserMessage(typeof turn.user === "string" ? turn.user : "");
      const answer = addAssistantMessage();
      renderAnswer(answer.body, typeof turn.chatbot === "string" ? turn.chatbot : "");
      renderSources(answer.element, sourcesOf(turn.metadata));
      if (turn.status === "CANCELLED") {
        addNote(answer.element, "This answer was stopped before it was complete.", "note");
      } else if (turn.status === "INCOMPLETE") {
        addNote(answer.element, "This answer is incomplete.", "note");
      }
    });
    markActiveSession();
    setStatus(state.connected ? "Connected" : "Not connected", state.connected ? "ok" : "warn");
    scrollToEnd();
    ui.message.focus();
  }

  function sourcesOf(metadata) {
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

  async function deleteSession(sessionId) {
    try {
      await sessionCall({ operation: "delete_session", session_id: sessionId });
    } catch (e) {
      if (e.message !== "unauthorized") {
        setStatus("Could not delete that conversation: " + e.message, "error");
      }
      return;
    }
    if (state.currentSessionId === sessionId) {
      resetConversation();
    }
    setStatus("Conversation deleted.", "ok");
    refreshSessions();
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
  ui.stop.addEventListener("click", stopAnswer);
  ui.newChat.addEventListener("click", () => {
    if (state.pending) {
      stopAnswer();
    }
    resetConversation();
    ui.message.focus();
  });
  ui.signOut.addEventListener("click", signOut);
  ui.localSignIn.addEventListener("submit", async (event) => {
    event.preventDefault();
    ui.signInError.textContent = "";
    try {
      enterApp(await signInLocally(ui.username.value.trim()));
    } catch (e) {
      ui.signInError.textContent = e.message;
    }
  });
  ui.cognitoSignIn.addEventListener("click", () => {
    startCognitoSignIn().catch((e) => { ui.signInError.textContent = "Sign-in could not start: " + e.message; });
  });

  async function start() {
    updateButtons();
    if (config.auth.mode === "none") {
      enterApp(null);
      return;
    }
    try {
      const token = config.auth.mode === "cognito" ? (await completeCognitoSignIn()) || storedToken() : storedToken();
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
})();
