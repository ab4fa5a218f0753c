package org.knowledgebot.session;

import static org.knowledgebot.session.SessionKeys.SORT_KEY;
import static org.knowledgebot.session.SessionKeys.USER_ID;
import static org.knowledgebot.session.SessionItems.TURN_COUNT;
import static org.knowledgebot.session.SessionItems.UPDATED_AT;
import static org.knowledgebot.session.SessionItems.key;
import static org.knowledgebot.session.SessionItems.number;
import static org.knowledgebot.session.SessionItems.string;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.port.SessionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Sessions in one DynamoDB table: a header item per session (title, timestamps, turn count; the only items with
 * {@code updated_at}, so the {@code RecentSessions} index is sparse) and one item per turn, so a long conversation
 * never meets the 400 KB item limit. An append is one transaction that moves the header's {@code turn_count} from
 * the value just read to the next one and creates the turn item with that sequence; a concurrent writer makes the
 * condition fail, and the append is retried on the new count, so no turn is lost or overwritten.
 */
public record DynamoSessionStore(DynamoDbClient dynamo, String tableName, Clock clock) implements SessionStore {
    static final String RECENT_SESSIONS_INDEX = "RecentSessions";
    static final int MAX_APPEND_ATTEMPTS = 8;

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
                turns.add(SessionItems.toTurn(item));
            }
        }
        return header == null ? Optional.empty() : Optional.of(SessionItems.session(header, userId, sessionId, turns));
    }

    /**
     * Two requests whatever the length of the conversation: a strongly consistent GetItem of the header, then a
     * Query of the turn range in reverse with {@code Limit} = {@code maxTurns}, which reads only those items.
     */
    @Override
    public Optional<Session> findRecent(String userId, String sessionId, int maxTurns) {
        Map<String, AttributeValue> header = dynamo.getItem(request -> request.tableName(tableName)
                .key(key(userId, SessionKeys.header(sessionId)))
                .consistentRead(true)).item();
        if (header == null || header.isEmpty()) {
            return Optional.empty();
        }
        List<Turn> turns = new ArrayList<>();
        if (maxTurns > 0) {
            QueryResponse newestFirst = dynamo.query(request -> request.tableName(tableName)
                    .keyConditionExpression("#user = :user AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#user", USER_ID, "#sk", SORT_KEY))
                    .expressionAttributeValues(Map.of(":user", string(userId),
                            ":from", string(SessionKeys.firstTurn(sessionId)),
                            ":to", string(SessionKeys.lastTurn(sessionId))))
                    .consistentRead(true)
                    .scanIndexForward(false)
                    .limit(maxTurns));
            newestFirst.items().forEach(item -> turns.add(0, SessionItems.toTurn(item)));
        }
        return Optional.of(SessionItems.session(header, userId, sessionId, turns));
    }

    @Override
    public Session create(String userId, String sessionId, String title) {
        Instant now = now();
        try {
            dynamo.putItem(request -> request.tableName(tableName)
                    .item(SessionItems.newHeader(userId, sessionId, title, now, 0))
                    .conditionExpression("attribute_not_exists(" + SORT_KEY + ")"));
            return new Session(userId, sessionId, title, now, now, List.of());
        } catch (ConditionalCheckFailedException alreadyThere) {
            // The condition failing means the session exists: create returns it unchanged.
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
                            .item(SessionItems.newHeader(userId, sessionId, titleIfNew, now, sequence))
                            .conditionExpression("attribute_not_exists(" + SORT_KEY + ")").build()).build()
                    : TransactWriteItem.builder().update(Update.builder().tableName(tableName)
                            .key(key(userId, headerKey))
                            .updateExpression("SET #count = :next, #updated = :now")
                            .conditionExpression("#count = :previous")
                            .expressionAttributeNames(Map.of("#count", TURN_COUNT, "#updated", UPDATED_AT))
                            .expressionAttributeValues(Map.of(
                                    ":next", number(sequence),
                                    ":previous", number(previousCount),
                                    ":now", string(SessionItems.timestamp(now))))
                            .build()).build();
            TransactWriteItem turnWrite = TransactWriteItem.builder().put(Put.builder().tableName(tableName)
                    .item(SessionItems.turnItem(userId, sessionId, sequence, turn))
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
                BatchDeletes.pauseBeforeRetry(attempt);
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
                    sessions.add(SessionItems.summary(item));
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
                    .expressionAttributeNames(Map.of("#title", SessionItems.TITLE))
                    .expressionAttributeValues(Map.of(":title", string(title))));
            return true;
        } catch (ConditionalCheckFailedException absent) {
            // The condition failing means there is no such session: the port's false.
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
        BatchDeletes.delete(dynamo, tableName, turnKeys);
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
            BatchDeletes.delete(dynamo, tableName, keys);
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

    /** Stored timestamps have millisecond precision; what is returned must equal what is read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
