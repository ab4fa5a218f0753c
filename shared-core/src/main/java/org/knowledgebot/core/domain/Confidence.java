package org.knowledgebot.core.domain;

import java.util.Locale;
import java.util.Optional;

/** Kendra's score-confidence buckets, strongest first; the enum order is the ranking. */
public enum Confidence {
    VERY_HIGH, HIGH, MEDIUM, LOW, NOT_AVAILABLE;

    /** True when this bucket is the threshold or stronger. */
    public boolean isAtLeast(Confidence threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Parses a bucket name case-insensitively; empty when the name is not a bucket. */
    public static Optional<Confidence> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            // An unknown bucket name is the empty answer the callers ask for.
            return Optional.empty();
        }
    }
}
