package org.knowledgebot.core.feedback;

import java.util.Locale;
import java.util.Optional;

/** 👍 or 👎 on one answer. */
public enum Rating {
    UP, DOWN;

    /** The wire name: {@code up} or {@code down}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Rating> fromWire(String value) {
        for (Rating rating : values()) {
            if (rating.wireName().equals(value)) {
                return Optional.of(rating);
            }
        }
        return Optional.empty();
    }
}
