package org.knowledgebot.core.feedback;

import java.util.Locale;
import java.util.Optional;

/** Why an answer was rated 👎. */
public enum FeedbackCategory {
    WRONG, INCOMPLETE, OUTDATED, OTHER;

    public static final String WIRE_NAMES = "wrong, incomplete, outdated, other";

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FeedbackCategory> fromWire(String value) {
        for (FeedbackCategory category : values()) {
            if (category.wireName().equals(value)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }
}
