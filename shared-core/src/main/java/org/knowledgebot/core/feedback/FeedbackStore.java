package org.knowledgebot.core.feedback;

/** Where ratings are kept (DynamoDB on AWS, SQLite locally). */
public interface FeedbackStore {
    /** Saves {@code feedback}, replacing an earlier rating of the same user, session and message. */
    void save(Feedback feedback);

    /**
     * One page matching {@code query}, newest {@code ratedAt} first.
     *
     * @throws IllegalArgumentException when the query's cursor is not one this store returned
     */
    FeedbackPage list(FeedbackQuery query);
}
