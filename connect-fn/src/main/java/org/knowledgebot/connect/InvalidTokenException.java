package org.knowledgebot.connect;

/**
 * A token that must not be trusted. The message says why in words safe to log: it never contains the token or any
 * of its claims' values.
 */
public class InvalidTokenException extends Exception {
    public InvalidTokenException(String reason) {
        super(reason);
    }
}
