package org.knowledgebot.core.gaps;

import java.time.Instant;
import java.util.Objects;

/** A question a user asked, and when. Its text is user data: only operators see it, and no log line holds it. */
public record AskedQuestion(String question, Instant askedAt) {
    public AskedQuestion {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(askedAt, "askedAt");
    }
}
