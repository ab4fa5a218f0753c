package org.knowledgebot.core.feedback;

import java.util.Optional;
import org.knowledgebot.core.domain.WireNames;

/** Why an answer was rated 👎. */
public enum FeedbackCategory {
    WRONG, INCOMPLETE, OUTDATED, OTHER;

    public static final String WIRE_NAMES = "wrong, incomplete, outdated, other";

    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<FeedbackCategory> fromWire(String value) {
        return WireNames.parse(FeedbackCategory.class, value);
    }
}
