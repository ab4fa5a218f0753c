package org.knowledgebot.core.domain;

/** Tokens counted by the model for one answer. */
public record Usage(int inputTokens, int outputTokens) {
    public static final Usage NONE = new Usage(0, 0);
}
