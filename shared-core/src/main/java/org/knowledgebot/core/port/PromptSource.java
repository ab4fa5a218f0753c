package org.knowledgebot.core.port;

/** The operator's system prompt (an S3 object, or a local file). Implementations cache it. */
public interface PromptSource {
    /** @throws RuntimeException with a user-safe message when the prompt cannot be read */
    String systemPrompt();
}
