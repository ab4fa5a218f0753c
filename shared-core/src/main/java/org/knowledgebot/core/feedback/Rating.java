package org.knowledgebot.core.feedback;

import java.util.Optional;
import org.knowledgebot.core.domain.WireNames;

/** 👍 or 👎 on one answer. */
public enum Rating {
    UP, DOWN;

    /** The wire name: {@code up} or {@code down}. */
    public String wireName() {
        return WireNames.of(this);
    }

    public static Optional<Rating> fromWire(String value) {
        return WireNames.parse(Rating.class, value);
    }
}
