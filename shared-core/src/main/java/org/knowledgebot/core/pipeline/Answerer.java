package org.knowledgebot.core.pipeline;

/**
 * Answers one question, sending every event to the sink of the message's wire protocol. What
 * {@link org.knowledgebot.core.wire.ChatEndpoint} depends on; {@link ChatPipeline} is the implementation.
 */
@FunctionalInterface
public interface Answerer {
    /** Answers {@code request}; a failed answer is reported to {@code sink} and in the outcome, never thrown. */
    ChatOutcome answer(ChatRequest request, ResponseSink sink);
}
