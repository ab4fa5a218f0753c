package org.knowledgebot.core.pipeline;

import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.Completion;

/**
 * How a streamed answer ended, to be saved: the text the model produced, the turn's status, for an answer the
 * model broke off its error code and cause, and for one it finished its completion, whose end the pipeline sends
 * once the turn is saved (null otherwise).
 */
record StreamedAnswer(String text, TurnStatus status, ErrorCode error, Throwable cause, Completion completion) {
    StreamedAnswer(String text, TurnStatus status, ErrorCode error, Throwable cause) {
        this(text, status, error, cause, null);
    }

    static StreamedAnswer ended(String text, TurnStatus status) {
        return new StreamedAnswer(text, status, null, null);
    }

    static StreamedAnswer completed(String text, Completion completion) {
        return new StreamedAnswer(text, TurnStatus.COMPLETE, null, null, completion);
    }
}
