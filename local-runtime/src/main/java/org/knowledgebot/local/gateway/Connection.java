package org.knowledgebot.local.gateway;

import java.time.Instant;
import org.eclipse.jetty.websocket.api.Session;

/** One open WebSocket connection as API Gateway knows it: its handshake, its socket, and when it was last active. */
final class Connection {
    private final Handshake handshake;
    private final Session session;
    private volatile Instant lastActiveAt;

    Connection(Handshake handshake, Session session) {
        this.handshake = handshake;
        this.session = session;
        this.lastActiveAt = handshake.connectedAt();
    }

    String id() {
        return handshake.connectionId();
    }

    Handshake handshake() {
        return handshake;
    }

    Session session() {
        return session;
    }

    Instant lastActiveAt() {
        return lastActiveAt;
    }

    void touch(Instant at) {
        lastActiveAt = at;
    }
}
