package org.knowledgebot.core.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One user's rating of one answer, with a copy of what was rated: the question, the first
 * {@link #MAX_ANSWER_CHARS} characters of the answer and the source titles, so an operator still sees the context
 * after the user deleted the conversation. {@code (userId, sessionId, messageId)} identifies it: rating the same
 * answer again replaces it.
 */
public record Feedback(String userId, String sessionId, String messageId, Rating rating,
                       Optional<FeedbackCategory> category, String comment, String question, String answer,
                       List<String> sourceTitles, Instant ratedAt) {
    public static final int MAX_ANSWER_CHARS = 1_000;
    public static final int MAX_COMMENT_CHARS = 1_000;

    public Feedback {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(rating, "rating");
        category = category == null ? Optional.empty() : category;
        comment = comment == null ? "" : comment;
        question = question == null ? "" : question;
        answer = answer == null ? "" : answer;
        sourceTitles = sourceTitles == null ? List.of() : List.copyOf(sourceTitles);
        Objects.requireNonNull(ratedAt, "ratedAt");
    }
}
