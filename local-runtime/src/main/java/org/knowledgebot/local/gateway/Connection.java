package org.knowledgebot.local.gateway;

import java.time.Instant;
import java.util.Map;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One open WebSocket connection as API Gateway knows it: id, when it connected, the caller's address and user
 * agent, the authorizer context repeated on every message, and when it was last active.
 */
final class Connection {
    private final String id;
    private final Session session;
    private final Instant connectedAt;
    private final String sourceIp;
    private final String userAgent;
    private final Map<String, Object> authorizerContext;
    private volatile Instant lastActiveAt;

    Connection(String id, Session session, Instant connectedAt, String sourceIp, String userAgent,
               Map<String, Object> authorizerContext) {
        this.id = id;
        this.session = session;
        this.connectedAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.authorizerContext = Map.copyOf(authorizerContext);
        this.lastActiveAt = connectedAt;
    }

    String id() {
        return id;
    }

    Session session() {
        return session;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    String sourceIp() {
        return sourceIp;
    }

    String userAgent() {
        return userAgent;
    }

    Map<String, Object> authorizerContext() {
        return authorizerContext;
    }

    Instant lastActiveAt() {
        return lastActiveAt;
    }

    void touch(Instant at) {
        lastActiveAt = at;
    }
}
