package org.knowledgebot.core.pipeline;

import org.knowledgebot.core.domain.SafeError;

/**
 * A step of the answer could not go on: the error the user gets and the cause, kept for the log line. Thrown by
 * the steps, turned into an error event by {@link ChatPipeline}. Carries no stack trace of its own: the cause's
 * is the one that matters.
 */
final class AnswerFailure extends RuntimeException {
    private final SafeError error;

    AnswerFailure(SafeError error, Throwable cause) {
        super(error.message(), cause, false, false);
        this.error = error;
    }

    SafeError error() {
        return error;
    }
}
