package org.knowledgebot.core.session;

/**
 * The session operations of DESIGN section 4 over a {@link org.knowledgebot.core.port.SessionStore}:
 * parses the JSON body, runs the operation, returns status and JSON body. Implemented under issue 3.
 */
public class SessionOperations {
    /**
     * Runs one operation. {@code authenticatedUserId} non-null (HTTP API: the JWT sub) replaces any
     * {@code user_id} in the body; null (trusted Lambda Invoke from chat-fn) takes {@code user_id} from the body.
     */
    public SessionResponse handle(String authenticatedUserId, String jsonBody) {
        throw new UnsupportedOperationException("implemented under issue 3");
    }
}
