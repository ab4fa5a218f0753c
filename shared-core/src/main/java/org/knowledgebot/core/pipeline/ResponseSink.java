package org.knowledgebot.core.pipeline;

import java.util.List;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Usage;

/**
 * Where the pipeline's events go; one implementation per wire protocol, which decides the frames and their
 * order. Every method may throw {@link org.knowledgebot.core.port.ClientGoneException}.
 */
public interface ResponseSink {
    /** Before anything else, once the session id is known. */
    void start(String sessionId, String messageId);

    /** A piece of the answer (already coalesced). */
    void token(String text);

    /** Something the user should know while the answer goes on (e.g. retrieval unavailable). */
    void notice(ErrorCode code, String message);

    /** The answer finished normally: sources (deduplicated by uri, retrieval order), stop reason, usage. */
    void complete(List<Source> sources, String stopReason, Usage usage);

    /** The answer failed; {@code message} is safe to show to a user. No further events follow. */
    void error(ErrorCode code, String message);

    /**
     * A per-user limit refused the question before anything was asked; {@code message} says in words how long to
     * wait. No further events follow. A protocol without a field for the wait sends it as a THROTTLED error.
     */
    default void throttled(String message, long retryAfterSeconds) {
        error(ErrorCode.THROTTLED, message);
    }

    /** How many frames reached the channel so far (for metrics). */
    default int framesSent() {
        return 0;
    }

    /** The route this sink answers, used as the metrics dimension. */
    default String route() {
        return "chat";
    }
}
