package org.knowledgebot.core.port;

import org.knowledgebot.core.domain.ErrorCode;

/**
 * A model call failed. {@code code} is THROTTLED or MODEL_ERROR (or BAD_REQUEST for an unknown model alias);
 * the message is safe to show to a user: no stack traces, class names or secrets.
 */
public class ModelException extends RuntimeException {
    private final ErrorCode code;
    private final boolean retryable;

    public ModelException(ErrorCode code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public ModelException(ErrorCode code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** Throttling and server errors: worth another try, but only before the first token reached the client. */
    public boolean retryable() {
        return retryable;
    }
}
