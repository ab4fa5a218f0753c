package org.knowledgebot.core.config;

import java.util.Map;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.retrieval.QuestionParts;

/**
 * How a stage answers questions, read once at init from the environment (docs/ARCHITECTURE.md, "The answer path"; limits in docs/PROTOCOLS.md).
 * Build it with {@link #from(Environment)}; tests start from {@link #defaults()} and change one value.
 *
 * @param stage name used as the {@code Stage} metric dimension (STAGE, default {@code local})
 * @param maxSources most sources shown under an answer (MAX_SOURCES, default 5)
 * @param noAnswerContact who to ask when the documents do not answer (NO_ANSWER_CONTACT, e.g. "call 311"; empty)
 * @param questionParts most parts a question asking several things is retrieved as, each part one more retrieval
 *     beside the whole question's (QUESTION_PARTS, 1 to 3, default 3; 1 retrieves the question only)
 */
public record ChatSettings(
        Confidence minConfidence,
        int historyTurns,
        int historyCharBudget,
        int rewriteHistoryTurns,
        int maxUserMessageChars,
        int answerMaxTokens,
        double answerTemperature,
        RetrievalFailureMode retrievalFailureMode,
        boolean allowClientSystemPrompt,
        int coalesceMinChars,
        int coalesceMaxMillis,
        String stage,
        int maxSources,
        String noAnswerContact,
        int questionParts) {

    /** What an answer does when the retriever fails. */
    public enum RetrievalFailureMode {
        /** Answer without knowledge and tell the user (RETRIEVAL_UNAVAILABLE notice). */
        CONTINUE,
        /** Stop with a RETRIEVAL_UNAVAILABLE error. */
        FAIL
    }

    public static final int DEFAULT_COALESCE_MIN_CHARS = 64;
    public static final int DEFAULT_COALESCE_MAX_MILLIS = 100;
    public static final int DEFAULT_MAX_SOURCES = 5;

    public ChatSettings {
        if (minConfidence == null || retrievalFailureMode == null) {
            throw new ConfigurationException("minConfidence and retrievalFailureMode are required");
        }
        stage = stage == null || stage.isBlank() ? "local" : stage;
        noAnswerContact = noAnswerContact == null ? "" : noAnswerContact.strip();
    }

    public static ChatSettings defaults() {
        return from(new Environment(Map.of()));
    }

    /** Reads every setting; a bad value fails with a message that names its variable. */
    public static ChatSettings from(Environment env) {
        return new ChatSettings(
                env.choice("MIN_CONFIDENCE", Confidence.class, Confidence.MEDIUM),
                env.integer("HISTORY_TURNS", 5, 0, 50),
                env.integer("HISTORY_CHAR_BUDGET", 12_000, 0, 1_000_000),
                env.integer("REWRITE_HISTORY_TURNS", 3, 0, 20),
                env.integer("MAX_USER_MESSAGE_CHARS", 4_000, 1, 100_000),
                env.integer("ANSWER_MAX_TOKENS", 2_048, 1, 200_000),
                env.decimal("ANSWER_TEMPERATURE", 0.1, 0.0, 1.0),
                env.choice("RETRIEVAL_FAILURE_MODE", RetrievalFailureMode.class, RetrievalFailureMode.CONTINUE),
                env.flag("ALLOW_CLIENT_SYSTEM_PROMPT", false),
                env.integer("COALESCE_MIN_CHARS", DEFAULT_COALESCE_MIN_CHARS, 1, 16_000),
                env.integer("COALESCE_MAX_MILLIS", DEFAULT_COALESCE_MAX_MILLIS, 0, 10_000),
                env.string("STAGE", "local"),
                env.integer("MAX_SOURCES", DEFAULT_MAX_SOURCES, 1, 20),
                env.string("NO_ANSWER_CONTACT", ""),
                env.integer("QUESTION_PARTS", QuestionParts.MAX_PARTS, 1, QuestionParts.MAX_PARTS));
    }

    public ChatSettings withRetrievalFailureMode(RetrievalFailureMode value) {
        return new ChatSettings(minConfidence, historyTurns, historyCharBudget, rewriteHistoryTurns,
                maxUserMessageChars, answerMaxTokens, answerTemperature, value, allowClientSystemPrompt,
                coalesceMinChars, coalesceMaxMillis, stage, maxSources, noAnswerContact, questionParts);
    }

    public ChatSettings withAllowClientSystemPrompt(boolean value) {
        return new ChatSettings(minConfidence, historyTurns, historyCharBudget, rewriteHistoryTurns,
                maxUserMessageChars, answerMaxTokens, answerTemperature, retrievalFailureMode, value,
                coalesceMinChars, coalesceMaxMillis, stage, maxSources, noAnswerContact, questionParts);
    }

    public ChatSettings withCoalescing(int minChars, int maxMillis) {
        return new ChatSettings(minConfidence, historyTurns, historyCharBudget, rewriteHistoryTurns,
                maxUserMessageChars, answerMaxTokens, answerTemperature, retrievalFailureMode,
                allowClientSystemPrompt, minChars, maxMillis, stage, maxSources, noAnswerContact, questionParts);
    }
}
