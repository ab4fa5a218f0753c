package org.knowledgebot.core.feedback;

import java.util.Optional;

/** Finds the answer a {@code messageId} of a typed {@code start} frame named, among one user's own turns. */
@FunctionalInterface
public interface AnsweredTurns {
    /** Empty when the user has no such session, or the session no turn with that message id. */
    Optional<RatedAnswer> find(String userId, String sessionId, String messageId);
}
