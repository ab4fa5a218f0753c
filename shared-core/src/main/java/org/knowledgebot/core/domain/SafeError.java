package org.knowledgebot.core.domain;

import java.util.Collection;

/**
 * What a user is told when an answer fails or goes on without something: the one place that pairs an
 * {@link ErrorCode} with its text. Texts say what to do next and never hold user input, class names or secrets;
 * the cause goes to the log line instead.
 */
public record SafeError(ErrorCode code, String message) {
    public static final SafeError INTERNAL = new SafeError(ErrorCode.INTERNAL,
            "Something went wrong while answering. Please try again.");
    public static final SafeError UNAUTHORIZED = new SafeError(ErrorCode.UNAUTHORIZED,
            "You are not signed in. Sign in and reconnect.");
    public static final SafeError SESSION_NOT_LOADED = new SafeError(ErrorCode.INTERNAL,
            "Your conversation could not be loaded. Please try again.");
    public static final SafeError INSTRUCTIONS_NOT_LOADED = new SafeError(ErrorCode.INTERNAL,
            "The assistant's instructions could not be loaded. Please try again.");
    public static final SafeError INTERRUPTED = new SafeError(ErrorCode.INTERNAL,
            "The answer was interrupted. Please try again.");
    /** Retrieval failed and the stage fails such answers. */
    public static final SafeError RETRIEVAL_UNAVAILABLE = new SafeError(ErrorCode.RETRIEVAL_UNAVAILABLE,
            "The knowledge base is unavailable right now. Please try again later.");
    /** Retrieval failed and the answer goes on without knowledge (a notice, not an error). */
    public static final SafeError ANSWER_WITHOUT_KNOWLEDGE = new SafeError(ErrorCode.RETRIEVAL_UNAVAILABLE,
            "The knowledge base is unavailable right now; this answer does not use it.");
    public static final SafeError MODEL_BUSY = new SafeError(ErrorCode.THROTTLED,
            "The model is busy right now. Please try again in a moment.");
    public static final SafeError MODEL_FAILED = new SafeError(ErrorCode.MODEL_ERROR,
            "The model failed to answer. Please try again.");

    /** The client named a model alias the stage does not offer. */
    public static SafeError unknownModel(Collection<String> aliases) {
        return new SafeError(ErrorCode.BAD_REQUEST, "This model is not available. Choose one of: "
                + String.join(", ", aliases.stream().sorted().toList()) + ".");
    }

    /** A model failure: the adapter's safe message, or the generic one of its code when it gave none. */
    public static SafeError ofModel(ErrorCode code, String adapterMessage) {
        if (adapterMessage != null && !adapterMessage.isBlank()) {
            return new SafeError(code, adapterMessage);
        }
        return code == ErrorCode.THROTTLED ? MODEL_BUSY : new SafeError(code, MODEL_FAILED.message());
    }
}
