package org.knowledgebot.local.gateway;

import java.time.Instant;
import java.util.Map;

/**
 * What API Gateway keeps of a connection from its accepted upgrade request and repeats in every later event of it:
 * the id, when it connected, the caller's address and user agent, and the authorizer context.
 */
record Handshake(String connectionId, Instant connectedAt, String sourceIp, String userAgent,
                 Map<String, Object> authorizerContext) {
    Handshake {
        authorizerContext = Map.copyOf(authorizerContext);
    }
}
