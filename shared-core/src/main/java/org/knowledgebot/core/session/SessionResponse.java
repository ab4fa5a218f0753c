package org.knowledgebot.core.session;

/**
 * The result of a session operation: an HTTP-like status and a JSON body, and for a 5xx the failure behind it
 * (null otherwise), which goes into the handler's log line and never into the body.
 */
public record SessionResponse(int statusCode, String body, Throwable cause) {
    public SessionResponse(int statusCode, String body) {
        this(statusCode, body, null);
    }
}
