package org.knowledgebot.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knowledgebot.chat.aws.StubAwsServer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackCategory;
import org.knowledgebot.core.feedback.FeedbackPage;
import org.knowledgebot.core.feedback.FeedbackQuery;
import org.knowledgebot.core.feedback.Rating;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoFeedbackStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "knowledgebot-dev-feedback";
    private static final String AMZ_JSON = "application/x-amz-json-1.0";

    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final DynamoDbClient dynamo = stub.client(DynamoDbClient.builder());
    private final DynamoFeedbackStore store = new DynamoFeedbackStore(dynamo, TABLE);

    @Test
    void aRatingIsOnePutItemKeyedByUserAndAnswerSoASecondOneReplacesIt() throws Exception {
        stub.then(text(200, AMZ_JSON, "{}"));
        store.save(new Feedback("u1", "s1", "m1", Rating.DOWN, Optional.of(FeedbackCategory.OUTDATED), "Old date.",
                "When is tax due?", "February 15.", List.of("Property Tax", "Fees"), Instant.parse("2026-12-01T10:00:00.123Z")));

        StubAwsServer.Recorded request = stub.onlyRequest();
        assertThat(request.header("x-amz-target")).isEqualTo("DynamoDB_20120810.PutItem");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("TableName").asText()).isEqualTo(TABLE);
        assertThat(body.has("ConditionExpression")).isFalse();
        JsonNode item = body.path("Item");
        assertThat(item.path("user_id").path("S").asText()).isEqualTo("u1");
        assertThat(item.path("answer_key").path("S").asText()).isEqualTo("s1#m1");
        assertThat(item.path("feedback").path("S").asText()).isEqualTo("all");
        assertThat(item.path("rated_at").path("S").asText()).isEqualTo("2026-12-01T10:00:00.123Z");
        assertThat(item.path("rating").path("S").asText()).isEqualTo("down");
        assertThat(item.path("category").path("S").asText()).isEqualTo("outdated");
        assertThat(item.path("sources").path("L").findValuesAsText("S")).containsExactly("Property Tax", "Fees");
    }

    @Test
    void listingQueriesTheIndexNewestFirstAndTurnsLastEvaluatedKeyIntoTheCursor() throws Exception {
        stub.then(text(200, AMZ_JSON, """
                {"Count":1,"ScannedCount":2,"Items":[{"user_id":{"S":"u1"},"answer_key":{"S":"s1#m1"},"feedback":{"S":"all"},
                 "rated_at":{"S":"2026-12-01T10:00:00Z"},"session_id":{"S":"s1"},"message_id":{"S":"m1"},"rating":{"S":"down"},
                 "category":{"S":"wrong"},"comment":{"S":"No."},"question":{"S":"Q?"},"answer":{"S":"A."},
                 "sources":{"L":[{"S":"Tax"}]}}],
                 "LastEvaluatedKey":{"user_id":{"S":"u1"},"answer_key":{"S":"s1#m1"},"feedback":{"S":"all"},"rated_at":{"S":"2026-12-01T10:00:00Z"}}}
                """));
        stub.then(text(200, AMZ_JSON, "{\"Count\":0,\"ScannedCount\":0,\"Items\":[]}"));

        FeedbackQuery query = new FeedbackQuery(Optional.of(Rating.DOWN), Optional.of(Instant.parse("2026-11-01T00:00:00Z")),
                Optional.empty(), 2);
        FeedbackPage first = store.list(query);
        FeedbackPage second = store.list(query.after(first.nextCursor().orElseThrow()));

        assertThat(first.items()).singleElement().satisfies(feedback -> {
            assertThat(feedback.userId()).isEqualTo("u1");
            assertThat(feedback.category()).contains(FeedbackCategory.WRONG);
            assertThat(feedback.sourceTitles()).containsExactly("Tax");
        });
        assertThat(second.items()).isEmpty();
        assertThat(second.nextCursor()).isEmpty();
        JsonNode firstQuery = JSON.readTree(stub.requests().get(0).body());
        assertThat(firstQuery.path("IndexName").asText()).isEqualTo("ByRatedAt");
        assertThat(firstQuery.path("ScanIndexForward").asBoolean(true)).isFalse();
        assertThat(firstQuery.path("Limit").asInt()).isEqualTo(2);
        assertThat(firstQuery.path("KeyConditionExpression").asText()).isEqualTo("#f = :all AND #t >= :since");
        assertThat(firstQuery.path("FilterExpression").asText()).isEqualTo("#r = :rating");
        assertThat(firstQuery.path("ExpressionAttributeValues").path(":since").path("S").asText()).isEqualTo("2026-11-01T00:00:00Z");
        JsonNode secondQuery = JSON.readTree(stub.requests().get(1).body());
        assertThat(secondQuery.path("ExclusiveStartKey").path("answer_key").path("S").asText()).isEqualTo("s1#m1");
        assertThat(secondQuery.path("ExclusiveStartKey").path("rated_at").path("S").asText()).isEqualTo("2026-12-01T10:00:00Z");
    }

    @Test
    void aForgedCursorIsRefusedBeforeAnyCall() {
        FeedbackQuery forged = new FeedbackQuery(Optional.empty(), Optional.empty(), Optional.of("eyJ1c2VyX2lkIjoieCJ9"), 10);
        FeedbackQuery garbage = new FeedbackQuery(Optional.empty(), Optional.empty(), Optional.of("%%%"), 10);

        assertThatThrownBy(() -> store.list(forged)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(garbage)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stub.requests()).isEmpty();
    }
}
