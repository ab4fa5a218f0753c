package org.knowledgebot.core.port;

import java.util.List;
import java.util.Optional;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Turn;

/**
 * Conversations kept per user (DynamoDB, the session function through Lambda Invoke, or SQLite locally).
 * Every method is scoped by {@code userId}: a store never returns or changes another user's sessions.
 */
public interface SessionStore {
    /** The whole session, every turn oldest first; for showing a conversation ({@code get_session}). */
    Optional<Session> find(String userId, String sessionId);

    /**
     * The session with only its last {@code maxTurns} turns, oldest first: what an answer reads. Its cost
     * (requests, items read, bytes moved) depends on {@code maxTurns}, never on the length of the conversation.
     */
    Optional<Session> findRecent(String userId, String sessionId, int maxTurns);

    /** Creates an empty session, or returns the existing one unchanged. */
    Session create(String userId, String sessionId, String title);

    /**
     * Appends one turn; creates the session with {@code titleIfNew} when it does not exist yet.
     * Two concurrent appends never lose a turn.
     */
    void append(String userId, String sessionId, Turn turn, String titleIfNew);

    /**
     * Gives a session a new title; false when the user has no such session. Renaming is not activity: the
     * session keeps its place in {@link #listRecent}.
     */
    boolean rename(String userId, String sessionId, String title);

    /** The user's sessions, most recently updated first, at most {@code limit}. */
    List<SessionSummary> listRecent(String userId, int limit);

    /** Deletes one session with all its turns; false when there was none. */
    boolean delete(String userId, String sessionId);

    /** Deletes every session of the user; returns how many. */
    int deleteAll(String userId);
}
