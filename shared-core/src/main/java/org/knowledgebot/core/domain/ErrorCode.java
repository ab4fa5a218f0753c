package org.knowledgebot.core.domain;

/** The error codes of the typed protocol (docs/PROTOCOLS.md, "Typed protocol"). */
public enum ErrorCode {
    BAD_REQUEST(false),
    UNAUTHORIZED(false),
    THROTTLED(true),
    MODEL_ERROR(true),
    RETRIEVAL_UNAVAILABLE(true),
    INTERNAL(true);

    private final boolean retryable;

    ErrorCode(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
