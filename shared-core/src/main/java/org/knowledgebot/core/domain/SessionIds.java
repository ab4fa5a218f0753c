package org.knowledgebot.core.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Session ids chosen by clients end up inside storage keys ({@code SESSION#<id>#TURN#...}), so only a
 * conservative alphabet is accepted: a {@code #} could otherwise make one session's key a prefix of another's.
 * A turn's message id (the feedback key {@code <sessionId>#<messageId>}) uses the same alphabet.
 */
public final class SessionIds {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private SessionIds() {
    }

    public static boolean isValid(String sessionId) {
        return sessionId != null && VALID.matcher(sessionId).matches();
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
