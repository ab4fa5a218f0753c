package org.knowledgebot.core.domain;

import java.util.List;
import java.util.Objects;

/** Who is asking. Always taken from the authorizer context, never from a message body. */
public record Identity(String userId, String username, List<String> groups) {
    public Identity {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
        username = username == null ? userId : username;
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static Identity of(String userId) {
        return new Identity(userId, userId, List.of());
    }
}
