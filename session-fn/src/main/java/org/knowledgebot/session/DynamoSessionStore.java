package org.knowledgebot.session;

import static org.knowledgebot.session.SessionKeys.SORT_KEY;
import static org.knowledgebot.session.SessionKeys.USER_ID;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.SessionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Sessions in one DynamoDB table: a header item per session (title, timestamps, turn count; the only items with
 * {@code updated_at}, so the {@code RecentSessions} index is sparse) and one item per turn, so a long conversation
 * never meets the 400 KB item limit. An append is one transaction that moves the header's {@code turn_count} from
 * the value just read to the next one and creates the turn item with that sequence; a concurrent writer makes the
 * condition fail, and the append is retried on the new count, so no turn is lost or overwritten.
 */
public final class DynamoSessionStore implements SessionStore {
    static final String RECENT_SESSIONS_INDEX = "RecentSessions";
    static final String SESSION_ID = "session_id";
    static final String TITLE = "title";
    static final String CREATED_AT = "created_at";
    static final String UPDATED_AT = "updated_at";
    static final String TURN_COUNT = "turn_count";
    static final String USER_TEXT = "user";
    static final String CHATBOT_TEXT = "chatbot";
    static final String SOURCES = "sources";
    static final String STATUS = "status";
    static final int MAX_APPEND_ATTEMPTS = 8;
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 8;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Clock clock;

    public DynamoSessionStore(DynamoDbClient dynamo, String tableName, Clock clock) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.clock = clock;
    }

    @Override
    public Optional<Session> find(String userId, String sessionId) {
        Map<String, AttributeValue> header = null;
        List<Turn> turns = new ArrayList<>();
        List<Map<String, AttributeValue>> items =
                queryRange(userId, SessionKeys.header(sessionId), SessionKeys.lastTurn(sessionId), false);
        for (Map<String, AttributeValue> item : items) {
            if (SessionKeys.isHeader(item.get(SORT_KEY).s())) {
                header = item;
            } else {
                turns.add(toTurn(item));
            }
        }
        if (header == null) {
            return Optional.empty();
        }
        return Optional.of(new Session(userId, sessionId, text(header, TITLE), instant(header, CREATED_AT),
                instant(header, UPDATED_AT), turns));
    }

    @Override
    public Session create(String userId, String sessionId, String title) {
        Instant now = now();
        try {
            dynamo.putItem(request -> request.tableName(tableName)
                    .item(newHeader(userId, sessionId, title, now, 0))
                    .conditionExpression("attribute_not_exists(" + SORT_KEY + ")"));
            return new Session(userId, sessionId, title, now, now, List.of());
        } catch (ConditionalCheckFailedException alreadyThere) {
            return find(userId, sessionId).orElseThrow(() -> new IllegalStateException(
                    "session header vanished while being created; retry"));
        }
    }

    @Override
    public void append(String userId, String sessionId, Turn turn, String titleIfNew) {
        String headerKey = SessionKeys.header(sessionId);
        for (int attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> header = dynamo.getItem(request -> request.tableName(tableName)
                    .key(key(userId, headerKey))
                    .consistentRead(true)
                    .projectionExpression("#count")
                    .expressionAttributeNames(Map.of("#count", TURN_COUNT))).item();
            boolean isNew = header == null || header.isEmpty();
            int previousCount = isNew ? 0 : Integer.parseInt(header.get(TURN_COUNT).n());
            if (previousCount >= SessionKeys.MAX_TURNS) {
                throw new IllegalStateException("session has reached " + SessionKeys.MAX_TURNS + " turns");
            }
            int sequence = previousCount + 1;
            Instant now = now();
            TransactWriteItem headerWrite = isNew
                    ? TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                            .item(newHeader(userId, sessionId, titleIfNew, now, sequence))
                            .conditionExpression("attribute_not_exists(" + SORT_KEY + ")").build()).build()
                    : TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                            .key(key(userId, headerKey))
                            .updateExpression("SET #count = :next, #updated = :now")
                            .conditionExpression("#count = :previous")
                            .expressionAttributeNames(Map.of("#count", TURN_COUNT, "#updated", UPDATED_AT))
                            .expressionAttributeValues(Map.of(
                                    ":next", number(sequence),
                                    ":previous", number(previousCount),
                                    ":now", string(TIMESTAMP.format(now))))
                            .build()).build();
            TransactWriteItem turnWrite = TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                    .item(turnItem(userId, sessionId, sequence, turn))
                    .conditionExpression("attribute_not_exists(" + SORT_KEY + ")").build()).build();
            try {
                // The SDK fills in ClientRequestToken and reuses it on its own retries, so a transaction that
                // succeeded before a timeout is not applied twice.
                dynamo.transactWriteItems(request -> request.transactItems(headerWrite, turnWrite));
                return;
            } catch (TransactionCanceledException e) {
                if (!lostARace(e)) {
                    throw e;
                }
                pauseBeforeRetry(attempt);
            }
        }
        throw new IllegalStateException("could not append a turn after " + MAX_APPEND_ATTEMPTS
                + " attempts: the session is being written concurrently");
    }

    @Override
    public List<SessionSummary> listRecent(String userId, int limit) {
        List<SessionSummary> sessions = new ArrayList<>();
        if (limit <= 0) {
            return sessions;
        }
        Map<String, AttributeValue> startKey = null;
        do {
            int remaining = limit - sessions.size();
            Map<String, AttributeValue> exclusiveStart = startKey;
            QueryResponse page = dynamo.query(request -> request.tableName(tableName)
                    .indexName(RECENT_SESSIONS_INDEX)
                    .keyConditionExpression("#user = :user")
                    .expressionAttributeNames(Map.of("#user", USER_ID))
                    .expressionAttributeValues(Map.of(":user", string(userId)))
                    .scanIndexForward(false)
                    .limit(remaining)
                    .exclusiveStartKey(exclusiveStart));
            for (Map<String, AttributeValue> item : page.items()) {
                if (sessions.size() < limit) {
                    sessions.add(new SessionSummary(text(item, SESSION_ID), text(item, TITLE),
                            instant(item, CREATED_AT), instant(item, UPDATED_AT)));
                }
            }
            startKey = nextPage(page);
        } while (startKey != null && sessions.size() < limit);
        return sessions;
    }

    @Override
    public boolean rename(String userId, String sessionId, String title) {
        try {
            dynamo.updateItem(request -> request.tableName(tableName)
                    .key(key(userId, SessionKeys.header(sessionId)))
                    .updateExpression("SET #title = :title")
                    .conditionExpression("attribute_exists(" + SORT_KEY + ")")
                    .expressionAttributeNames(Map.of("#title", TITLE))
                    .expressionAttributeValues(Map.of(":title", string(title))));
            return true;
        } catch (ConditionalCheckFailedException absent) {
            return false;
        }
    }

    @Override
    public boolean delete(String userId, String sessionId) {
        String headerKey = SessionKeys.header(sessionId);
        // Turns first, header last: an interrupted delete leaves a listed session that can be deleted again,
        // never turns that no header points to.
        List<Map<String, AttributeValue>> turnKeys = new ArrayList<>();
        List<Map<String, AttributeValue>> turnItems =
                queryRange(userId, SessionKeys.firstTurn(sessionId), SessionKeys.lastTurn(sessionId), true);
        for (Map<String, AttributeValue> item : turnItems) {
            turnKeys.add(key(userId, item.get(SORT_KEY).s()));
        }
        deleteKeys(turnKeys);
        DeleteItemResponse deleted = dynamo.deleteItem(request -> request.tableName(tableName)
                .key(key(userId, headerKey))
                .returnValues(ReturnValue.ALL_OLD));
        return deleted.hasAttributes() && !deleted.attributes().isEmpty();
    }

    @Override
    public int deleteAll(String userId) {
        int sessions = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            QueryResponse page = dynamo.query(request -> request.tableName(tableName)
                    .keyConditionExpression("#user = :user")
                    .expressionAttributeNames(Map.of("#user", USER_ID, "#sk", SORT_KEY))
                    .expressionAttributeValues(Map.of(":user", string(userId)))
                    .projectionExpression("#sk")
                    .exclusiveStartKey(exclusiveStart));
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                String sortKey = item.get(SORT_KEY).s();
                if (SessionKeys.isHeader(sortKey)) {
                    sessions++;
                }
                keys.add(key(userId, sortKey));
            }
            deleteKeys(keys);
            startKey = nextPage(page);
        } while (startKey != null);
        return sessions;
    }

    /** Every item of the user whose sort key lies in [from, to], all pages, in key order. */
    private List<Map<String, AttributeValue>> queryRange(String userId, String from, String to, boolean keysOnly) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> exclusiveStart = startKey;
            QueryResponse page = dynamo.query(request -> {
                request.tableName(tableName)
                        .keyConditionExpression("#user = :user AND #sk BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#user", USER_ID, "#sk", SORT_KEY))
                        .expressionAttributeValues(Map.of(
                                ":user", string(userId), ":from", string(from), ":to", string(to)))
                        .consistentRead(true)
                        .exclusiveStartKey(exclusiveStart);
                if (keysOnly) {
                    request.projectionExpression("#sk");
                }
            });
            items.addAll(page.items());
            startKey = nextPage(page);
        } while (startKey != null);
        return items;
    }

    private static Map<String, AttributeValue> nextPage(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    }

    private void deleteKeys(List<Map<String, AttributeValue>> keys) {
        for (int from = 0; from < keys.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> pending = new ArrayList<>();
            int to = Math.min(keys.size(), from + BATCH_WRITE_LIMIT);
            for (Map<String, AttributeValue> key : keys.subList(from, to)) {
                pending.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
            }
            for (int round = 1; !pending.isEmpty(); round++) {
                if (round > MAX_UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException(pending.size() + " deletes stayed unprocessed; retry the delete");
                }
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(request -> request
                        .requestItems(Map.of(tableName, batch)));
                pending = response.hasUnprocessedItems()
                        ? response.unprocessedItems().getOrDefault(tableName, List.of())
                        : List.of();
                if (!pending.isEmpty()) {
                    pauseBeforeRetry(round);
                }
            }
        }
    }

    private static boolean lostARace(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return false;
        }
        for (CancellationReason reason : e.cancellationReasons()) {
            String code = reason.code();
            if ("ConditionalCheckFailed".equals(code) || "TransactionConflict".equals(code)) {
                return true;
            }
        }
        return false;
    }

    /** Exponential backoff with full jitter, so racing writers spread out instead of colliding again. */
    private static void pauseBeforeRetry(int attempt) {
        long ceiling = Math.min(200L, 10L << Math.min(attempt, 5));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a session write", e);
        }
    }

    /** Stored timestamps have millisecond precision; what is returned must equal what is read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Map<String, AttributeValue> newHeader(String userId, String sessionId, String title, Instant now,
                                                  int turns) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId, SessionKeys.header(sessionId)));
        item.put(SESSION_ID, string(sessionId));
        item.put(TITLE, string(title == null ? "" : title));
        item.put(CREATED_AT, string(TIMESTAMP.format(now)));
        item.put(UPDATED_AT, string(TIMESTAMP.format(now)));
        item.put(TURN_COUNT, number(turns));
        return item;
    }

    private static Map<String, AttributeValue> turnItem(String userId, String sessionId, int sequence, Turn turn) {
        Map<String, AttributeValue> item = new HashMap<>(key(userId, SessionKeys.turn(sessionId, sequence)));
        item.put(USER_TEXT, string(turn.user()));
        item.put(CHATBOT_TEXT, string(turn.chatbot()));
        item.put(STATUS, string(turn.status().name()));
        item.put(CREATED_AT, string(TIMESTAMP.format(turn.createdAt())));
        List<AttributeValue> sources = new ArrayList<>();
        for (Source source : turn.sources()) {
            sources.add(AttributeValue.fromM(Map.of(
                    "title", string(source.title()),
                    "uri", string(source.uri()),
                    "excerpt", string(source.excerpt()),
                    "confidence", string(source.confidence().name()))));
        }
        item.put(SOURCES, AttributeValue.fromL(sources));
        return item;
    }

    private static Turn toTurn(Map<String, AttributeValue> item) {
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
        return new Turn(text(item, USER_TEXT), text(item, CHATBOT_TEXT), sources, status, instant(item, CREATED_AT));
    }

    private static Map<String, AttributeValue> key(String userId, String sortKey) {
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

    private static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
