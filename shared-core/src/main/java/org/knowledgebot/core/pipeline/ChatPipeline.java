package org.knowledgebot.core.pipeline;

/** Orchestrates one answer (DESIGN section 2). Implemented under issue 3. */
public class ChatPipeline {
    /** Answers {@code request}, sending every event to {@code sink}; never throws for a failed answer. */
    public ChatOutcome answer(ChatRequest request, ResponseSink sink) {
        throw new UnsupportedOperationException("implemented under issue 3");
    }
}
