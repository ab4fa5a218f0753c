package org.knowledgebot.core.session;

import java.nio.charset.StandardCharsets;
import org.knowledgebot.core.domain.SessionIds;
import org.knowledgebot.core.domain.Turn;

/**
 * What one stored turn and one loaded session may weigh. A turn is one DynamoDB item (400 KB at most, attribute
 * names, keys and timestamps included), and a session is loaded through Lambda, whose response is capped at 6 MB.
 *
 * @param maxQuestionChars the chat setting {@code MAX_USER_MESSAGE_CHARS}: a stored question is never longer than
 *                         one the chat routes accept
 */
public record TurnLimits(int maxQuestionChars) {
    /** About 25,000 tokens: far above any {@code ANSWER_MAX_TOKENS} answer a stage is configured for. */
    public static final int MAX_ANSWER_CHARS = 100_000;
    /** Question, answer and sources metadata in UTF-8; the other 50 KB of an item are keys, names and timestamps. */
    public static final int MAX_TURN_BYTES = 350_000;
    /**
     * The {@code chat_history} a {@code get_session} answer carries at most, in bytes of JSON. Twice this (every
     * character escaped once more when the HTTP API or Invoke wraps the body in its own JSON) stays under 6 MB.
     */
    public static final int MAX_SESSION_BODY_BYTES = 2_500_000;

    public TurnLimits {
        if (maxQuestionChars < 1) {
            throw new IllegalArgumentException("maxQuestionChars must be at least 1");
        }
    }

    /** Why {@code turn} may not be stored, or null when it may. */
    String violation(Turn turn) {
        if (turn.hasMessageId() && !SessionIds.isValid(turn.messageId())) {
            return "message_id must be 1 to 128 letters, digits, '-' or '_'";
        }
        if (turn.user().length() > maxQuestionChars) {
            return "the question has " + turn.user().length() + " characters; at most " + maxQuestionChars
                    + " (MAX_USER_MESSAGE_CHARS) are stored";
        }
        if (turn.chatbot().length() > MAX_ANSWER_CHARS) {
            return "the answer has " + turn.chatbot().length() + " characters; at most " + MAX_ANSWER_CHARS + " are stored";
        }
        long bytes = utf8Length(turn.user()) + utf8Length(turn.chatbot())
                + utf8Length(TurnJson.metadataString(turn.sources()));
        if (bytes > MAX_TURN_BYTES) {
            return "the turn takes " + bytes + " bytes; a stored turn holds at most " + MAX_TURN_BYTES;
        }
        return null;
    }

    static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
