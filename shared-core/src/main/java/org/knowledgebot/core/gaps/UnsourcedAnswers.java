package org.knowledgebot.core.gaps;

import java.time.Instant;
import java.util.List;

/**
 * The questions the chat route answered completely but with no source (the documents did not cover them), read
 * from the stored turns: DynamoDB's sparse {@code UnsourcedQuestions} index of the sessions table on AWS, the
 * SQLite turns locally. A turn a client stored itself (no message id) is never one of them; a deleted chat's
 * questions are gone with it.
 */
public interface UnsourcedAnswers {
    /** At most {@code max} questions asked at or after {@code since}, newest first. */
    List<AskedQuestion> since(Instant since, int max);
}
