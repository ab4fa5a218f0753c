package org.knowledgebot.core.port;

import org.knowledgebot.core.domain.Usage;

/** How a streamed completion ended: the model's stop reason ("end_turn", "max_tokens", ...) and usage. */
public record Completion(String stopReason, Usage usage) {
    public static final String CANCELLED = "cancelled";

    public Completion {
        stopReason = stopReason == null ? "end_turn" : stopReason;
        usage = usage == null ? Usage.NONE : usage;
    }

    public boolean cancelled() {
        return CANCELLED.equals(stopReason);
    }
}
