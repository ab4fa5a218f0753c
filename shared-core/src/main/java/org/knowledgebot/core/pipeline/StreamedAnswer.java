package org.knowledgebot.core.pipeline;

import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.TurnStatus;

/**
 * How a streamed answer ended, to be saved: the text the model produced, the turn's status, and for an answer
 * the model broke off, its error code and cause (null otherwise).
 */
record StreamedAnswer(String text, TurnStatus status, ErrorCode error, Throwable cause) {
    static StreamedAnswer ended(String text, TurnStatus status) {
        return new StreamedAnswer(text, status, null, null);
    }
}
