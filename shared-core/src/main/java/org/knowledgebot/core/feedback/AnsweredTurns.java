package org.knowledgebot.core.feedback;

import java.util.Optional;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.port.SessionStore;

/** Finds the answer a {@code messageId} of a typed {@code start} frame named, among one user's own turns. */
@FunctionalInterface
public interface AnsweredTurns {
    /** Empty when the user has no such session, or the session no turn with that message id. */
    Optional<RatedAnswer> find(String userId, String sessionId, String messageId);

    /** The turns of {@code sessions}, read through the user's own session only (never another user's). */
    static AnsweredTurns in(SessionStore sessions) {
        return (userId, sessionId, messageId) -> sessions.find(userId, sessionId)
                .flatMap(session -> session.turns().stream()
                        .filter(turn -> turn.hasMessageId() && turn.messageId().equals(messageId))
                        .reduce((first, later) -> later))
                .map(turn -> new RatedAnswer(turn.user(), turn.chatbot(),
                        turn.sources().stream().map(Source::title).toList()));
    }
}
