/*
 * The chat WebSocket: opens it, hands every frame on, and reconnects. A close the page made itself (Stop, an
 * answer that fell silent) reconnects at once; any other close backs off exponentially with jitter, which also
 * covers API Gateway's 10-minute idle and 2-hour limits.
 *
 * A socket that closes before it ever opened was refused at the handshake or never reached the server, and
 * browsers do not tell which (both are close code 1006, the HTTP status is hidden from scripts). So the page
 * asks: handlers.wasRefused() checks the same token against the session route, which the same issuer's
 * authorizer guards, and only a 401/403 there stops the reconnecting and hands over to handlers.onRefused().
 */
import { setStatus } from "./dom.js";

const RECONNECT_BASE_MS = 500;
const RECONNECT_MAX_MS = 15000;
/** API Gateway closes a connection whose frame is over 128 KB with this code. */
const MESSAGE_TOO_BIG = 1009;

export class Connection {
  /**
   * @param {{prepare: function(): Promise<string|null>, onOpen: function(), onFrame: function(object),
   *          onClosed: function(CloseEvent, string|null), wasRefused: function(): Promise<boolean>,
   *          onRefused: function()}} handlers prepare gives the URL to open (null: do not connect, e.g. the user
   *   must sign in first); onClosed gets the reason the page closed it for, or null.
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.socket = null;
    this.connected = false;
    this.attempts = 0;
    this.timer = null;
    this.closeReason = null;
    this.stopped = false;
  }

  async connect() {
    clearTimeout(this.timer);
    this.stopped = false;
    const url = await this.handlers.prepare();
    if (url === null || this.stopped) {
      return;
    }
    setStatus(this.attempts ? "status.reconnecting" : "status.connecting", "info");
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (e) {
      setStatus("status.cannotOpen", "error");
      return;
    }
    this.socket = socket;
    this.closeReason = null;
    let opened = false;
    socket.addEventListener("open", () => {
      if (this.socket !== socket) {
        return;
      }
      opened = true;
      this.connected = true;
      this.attempts = 0;
      setStatus("status.connected", "ok");
      this.handlers.onOpen();
    });
    socket.addEventListener("message", (event) => {
      if (this.socket === socket) {
        this.deliver(event.data);
      }
    });
    socket.addEventListener("close", (event) => {
      if (this.socket === socket) {
        this.socket = null;
        this.connected = false;
        this.onClose(event, opened);
      }
    });
  }

  /** Sends one message; false when there is no open connection. */
  send(payload) {
    if (!this.connected || !this.socket) {
      return false;
    }
    this.socket.send(JSON.stringify(payload));
    return true;
  }

  /** Closes for a reason of the page's own ("stop", "silence"); the server cancels what it was doing for us. */
  closeFor(reason) {
    if (!this.socket) {
      return;
    }
    this.closeReason = reason;
    this.socket.close(1000, reason === "stop" ? "stopped by user" : "no answer");
  }

  /** Closes for good (sign-out): no reconnect until connect() is called again. */
  shutDown() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) {
      this.socket.close(1000, "signed out");
    }
  }

  deliver(data) {
    let frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (frame && typeof frame === "object") {
      this.handlers.onFrame(frame);
    }
  }

  async onClose(event, opened) {
    const closedByPage = this.closeReason;
    this.closeReason = null;
    this.handlers.onClosed(event, closedByPage);
    if (this.stopped) {
      return;
    }
    if (!opened && !closedByPage && await this.handlers.wasRefused()) {
      if (!this.stopped) {
        this.stopped = true;
        this.handlers.onRefused();
      }
      return;
    }
    if (event.code === MESSAGE_TOO_BIG) {
      setStatus("status.tooLarge", "error");
    }
    const delay = closedByPage ? 0
      : Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * Math.pow(2, this.attempts)) * (0.75 + Math.random() / 2);
    this.attempts++;
    if (!closedByPage && event.code !== MESSAGE_TOO_BIG) {
      setStatus("status.reconnectingIn", "warn", { seconds: Math.ceil(delay / 1000) });
    }
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
