package org.knowledgebot.core.testing;

import org.knowledgebot.core.port.PromptSource;

/** A {@link PromptSource} with a fixed prompt, or one that fails. */
public final class FixedPromptSource implements PromptSource {
    private final String prompt;

    public FixedPromptSource(String prompt) {
        this.prompt = prompt;
    }

    public static FixedPromptSource failing() {
        return new FixedPromptSource(null);
    }

    @Override
    public String systemPrompt() {
        if (prompt == null) {
            throw new IllegalStateException("The system prompt could not be read.");
        }
        return prompt;
    }
}
