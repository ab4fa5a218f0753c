package org.knowledgebot.core.feedback;

import java.time.Instant;
import java.util.Optional;

/**
 * Which feedback an operator lists: newest first, optionally only one rating and only since an instant, one page
 * of at most {@code limit} entries after {@code cursor} (a value a previous page returned).
 */
public record FeedbackQuery(Optional<Rating> rating, Optional<Instant> since, Optional<String> cursor, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public FeedbackQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
    }

    public FeedbackQuery after(String nextCursor) {
        return new FeedbackQuery(rating, since, Optional.of(nextCursor), limit);
    }
}
