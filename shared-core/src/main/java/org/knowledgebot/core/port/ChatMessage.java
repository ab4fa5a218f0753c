package org.knowledgebot.core.port;

import java.util.Objects;

/** One message of a model conversation. */
public record ChatMessage(Role role, String text) {
    public enum Role { USER, ASSISTANT }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        text = text == null ? "" : text;
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, text);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text);
    }
}
