package org.knowledgebot.core.pipeline;

import org.knowledgebot.core.domain.ErrorCode;

/**
 * A step of the answer could not go on: the error the user gets (its code and a text safe to show) and the
 * cause, kept for the log line. Thrown by the steps, turned into an error event by {@link ChatPipeline}.
 */
final class AnswerFailure extends RuntimeException {
    private final ErrorCode code;

    AnswerFailure(ErrorCode code, String safeMessage, Throwable cause) {
        super(safeMessage, cause);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
