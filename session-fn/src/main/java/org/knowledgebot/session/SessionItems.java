package org.knowledgebot.session;

import static org.knowledgebot.session.SessionKeys.SORT_KEY;
import static org.knowledgebot.session.SessionKeys.USER_ID;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The items of the sessions table and their attributes: a session's header and its turns. */
final class SessionItems {
    static final String SESSION_ID = "session_id";
    static final String TITLE = "title";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";
    static final String TURN_COUNT = "turn_count";
    static final String USER_TEXT = "user";
    static final String CHATBOT_TEXT = "chatbot";
    static final String SOURCES = "sources";
    static final String STATUS = "status";
    /** Absent on turns without one (stored by a client, or before turns kept it). */
    static final String MESSAGE_ID = "message_id";
    /**
     * Set ({@value #UNSOURCED_ALL}) only on a turn the chat route answered completely with no source: the partition
     * key of the sparse {@code UnsourcedQuestions} index (sort key {@code created_at}), what the gaps report reads.
     */
    static final String UNSOURCED = "unsourced";
    static final String UNSOURCED_ALL = "all";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SessionItems() {
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static Session session(Map<String, AttributeValue> header, String userId, String sessionId, List<Turn> turns) {
        return new Session(userId, sessionId, text(header, TITLE), instant(header, CREATED_AT),
                instant(header, UPDATED_AT), turns);
    }

    static SessionSummary summary(Map<String, AttributeValue> header) {
        return new SessionSummary(text(header, SESSION_ID), text(header, TITLE), instant(header, CREATED_AT),
                instant(header, UPDATED_AT));
    }

    static Map<String, AttributeValue> newHeader(String userId, String sessionId, String title, Instant now,
                                               int turns) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId, SessionKeys.header(sessionId)));
        item.put(SESSION_ID, string(sessionId));
        item.put(TITLE, string(title == null ? "" : title));
        item.put(CREATED_AT, string(timestamp(now)));
        item.put(UPDATED_AT, string(timestamp(now)));
        item.put(TURN_COUNT, number(turns));
        return item;
    }

    static Map<String, AttributeValue> turnItem(String userId, String sessionId, int sequence, Turn turn) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId, SessionKeys.turn(sessionId, sequence)));
        item.put(USER_TEXT, string(turn.user()));
        item.put(CHATBOT_TEXT, string(turn.chatbot()));
        item.put(STATUS, string(turn.status().name()));
        item.put(CREATED_AT, string(timestamp(turn.createdAt())));
        List<AttributeValue> sources = new ArrayList<>();
        for (Source source : turn.sources()) {
            sources.add(AttributeValue.fromM(Map.of(
                    "title", string(source.title()),
                    "uri", string(source.uri()),
                    "excerpt", string(source.excerpt()),
                    "confidence", string(source.confidence().name()))));
        }
        item.put(SOURCES, AttributeValue.fromL(sources));
        if (turn.hasMessageId()) {
            item.put(MESSAGE_ID, string(turn.messageId()));
            if (turn.sources().isEmpty() && turn.status() == TurnStatus.COMPLETE) {
                item.put(UNSOURCED, string(UNSOURCED_ALL));
            }
        }
        return item;
    }

    static Turn toTurn(Map<String, AttributeValue> item) {
        List<Source> sources = new ArrayList<>();
        AttributeValue stored = item.get(SOURCES);
        if (stored != null && stored.hasL()) {
            for (AttributeValue value : stored.l()) {
                Map<String, AttributeValue> source = value.m();
                sources.add(new Source(text(source, "title"), text(source, "uri"), text(source, "excerpt"),
                        Confidence.parse(text(source, "confidence")).orElse(Confidence.NOT_AVAILABLE)));
            }
        }
        TurnStatus status = TurnStatus.valueOf(text(item, STATUS));
        return new Turn(text(item, USER_TEXT), text(item, CHATBOT_TEXT), sources, status, instant(item, CREATED_AT),
                text(item, MESSAGE_ID));
    }

    static Map<String, AttributeValue> key(String userId, String sortKey) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("user id is required");
        }
        return Map.of(USER_ID, string(userId), SORT_KEY, string(sortKey));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.parse(text(item, name));
    }

    static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue number(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
