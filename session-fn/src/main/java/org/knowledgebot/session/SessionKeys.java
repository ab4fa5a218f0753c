package org.knowledgebot.session;

import org.knowledgebot.core.domain.SessionIds;

/**
 * Sort keys of the sessions table. A session's header is {@code SESSION#<id>} and its turns are
 * {@code SESSION#<id>#TURN#<6-digit seq>}, so one key range holds exactly one session. Session ids are limited to
 * {@link SessionIds}' alphabet, whose characters all sort after {@code #}: no id can then fall inside another
 * session's range.
 */
final class SessionKeys {
    static final String USER_ID = "user_id";
    static final String SORT_KEY = "sk";
    static final int MAX_TURNS = 999_999;

    private static final String SESSION_PREFIX = "SESSION#";
    private static final String TURN_INFIX = "#TURN#";

    private SessionKeys() {
    }

    static String header(String sessionId) {
        if (!SessionIds.isValid(sessionId)) {
            throw new IllegalArgumentException("session id must be 1 to 128 letters, digits, '-' or '_'");
        }
        return SESSION_PREFIX + sessionId;
    }

    static String turn(String sessionId, int sequence) {
        return header(sessionId) + TURN_INFIX + String.format("%06d", sequence);
    }

    static String firstTurn(String sessionId) {
        return turn(sessionId, 1);
    }

    static String lastTurn(String sessionId) {
        return turn(sessionId, MAX_TURNS);
    }

    static boolean isHeader(String sortKey) {
        return sortKey.startsWith(SESSION_PREFIX) && !sortKey.contains(TURN_INFIX);
    }
}
