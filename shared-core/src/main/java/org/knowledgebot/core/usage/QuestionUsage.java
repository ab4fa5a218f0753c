package org.knowledgebot.core.usage;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What one question added to its UTC day: which answer model was asked (null when none was, e.g. a refused
 * question), the tokens it counted, and whether the answer ended in an error frame. The user is named only by
 * {@link org.knowledgebot.core.observability.UserHash}, the hash the logs use, so the usage store never holds a
 * user id.
 */
public record QuestionUsage(LocalDate day, String userHash, String modelId, long inputTokens, long outputTokens,
                            boolean error) {
    public QuestionUsage {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(userHash, "userHash");
    }

    public long tokens() {
        return inputTokens + outputTokens;
    }
}
