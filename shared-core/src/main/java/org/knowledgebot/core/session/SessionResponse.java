package org.knowledgebot.core.session;

/** The result of a session operation: an HTTP-like status and a JSON body. */
public record SessionResponse(int statusCode, String body) {
}
