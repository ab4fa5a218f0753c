package org.knowledgebot.core.port;

/** The retriever could not answer. The message is safe to show to a user. */
public class RetrievalException extends RuntimeException {
    public RetrievalException(String message, Throwable cause) {
        super(message, cause);
    }

    public RetrievalException(String message) {
        super(message);
    }
}
