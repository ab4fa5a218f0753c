package org.knowledgebot.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackCategory;
import org.knowledgebot.core.feedback.FeedbackPage;
import org.knowledgebot.core.feedback.FeedbackQuery;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.feedback.Rating;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Feedback in its own table (kept when a user deletes their chats): key {@code user_id} + {@code answer_key}
 * ({@code <sessionId>#<messageId>}), so a second rating of one answer is a PutItem on the same key and replaces the
 * first. Operators list newest first through the {@value #BY_RATED_AT} index, whose partition key {@code feedback}
 * is the same on every item and whose sort key is {@code rated_at}: one partition takes about 1,000 writes a
 * second, far above the rate at which people rate answers. The cursor is the page's LastEvaluatedKey.
 */
public record DynamoFeedbackStore(DynamoDbClient dynamo, String tableName) implements FeedbackStore {
    public static final String BY_RATED_AT = "ByRatedAt";
    static final String ALL = "all";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> CURSOR = new TypeReference<>() {
    };

    @Override
    public void save(Feedback feedback) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("user_id", s(feedback.userId()));
        item.put("answer_key", s(feedback.sessionId() + "#" + feedback.messageId()));
        item.put("feedback", s(ALL));
        item.put("rated_at", s(feedback.ratedAt().toString()));
        item.put("session_id", s(feedback.sessionId()));
        item.put("message_id", s(feedback.messageId()));
        item.put("rating", s(feedback.rating().wireName()));
        feedback.category().ifPresent(category -> item.put("category", s(category.wireName())));
        item.put("comment", s(feedback.comment()));
        item.put("question", s(feedback.question()));
        item.put("answer", s(feedback.answer()));
        item.put("sources", AttributeValue.fromL(feedback.sourceTitles().stream().map(DynamoFeedbackStore::s).toList()));
        dynamo.putItem(request -> request.tableName(tableName).item(item));
    }

    @Override
    public FeedbackPage list(FeedbackQuery query) {
        Map<String, String> names = new HashMap<>(Map.of("#f", "feedback"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":all", s(ALL)));
        String keyCondition = "#f = :all";
        if (query.since().isPresent()) {
            names.put("#t", "rated_at");
            values.put(":since", s(query.since().get().toString()));
            keyCondition += " AND #t >= :since";
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(tableName).indexName(BY_RATED_AT)
                .scanIndexForward(false).limit(query.limit());
        if (query.rating().isPresent()) {
            names.put("#r", "rating");
            values.put(":rating", s(query.rating().get().wireName()));
            request.filterExpression("#r = :rating");
        }
        query.cursor().ifPresent(cursor -> request.exclusiveStartKey(decode(cursor)));
        QueryResponse response = dynamo.query(request.keyConditionExpression(keyCondition)
                .expressionAttributeNames(names).expressionAttributeValues(values).build());
        List<Feedback> items = response.items().stream().map(DynamoFeedbackStore::feedback).toList();
        Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? Optional.of(encode(response.lastEvaluatedKey())) : Optional.empty();
        return new FeedbackPage(items, next);
    }

    private static Feedback feedback(Map<String, AttributeValue> item) {
        return new Feedback(text(item, "user_id"), text(item, "session_id"), text(item, "message_id"),
                Rating.fromWire(text(item, "rating")).orElse(Rating.DOWN),
                Optional.ofNullable(item.get("category")).flatMap(value -> FeedbackCategory.fromWire(value.s())),
                text(item, "comment"), text(item, "question"), text(item, "answer"),
                item.containsKey("sources") ? item.get("sources").l().stream().map(AttributeValue::s).toList() : List.of(),
                Instant.parse(text(item, "rated_at")));
    }

    private static String encode(Map<String, AttributeValue> key) {
        Map<String, String> plain = new LinkedHashMap<>();
        key.forEach((name, value) -> plain.put(name, value.s()));
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(plain));
        } catch (IOException e) {
            throw new IllegalStateException("a key of strings always serializes", e);
        }
    }

    /** The LastEvaluatedKey a cursor carries; anything else is refused (it must name exactly the index's keys). */
    private static Map<String, AttributeValue> decode(String cursor) {
        Map<String, String> plain;
        try {
            plain = JSON.readValue(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)), CURSOR);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor of this list", e);
        }
        if (plain == null || !plain.keySet().equals(java.util.Set.of("user_id", "answer_key", "feedback", "rated_at"))) {
            throw new IllegalArgumentException("not a cursor of this list");
        }
        Map<String, AttributeValue> key = new HashMap<>();
        plain.forEach((name, value) -> key.put(name, s(value)));
        return key;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
