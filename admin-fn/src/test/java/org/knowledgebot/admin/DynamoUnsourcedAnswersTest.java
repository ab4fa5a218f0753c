package org.knowledgebot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.gaps.AskedQuestion;
import org.knowledgebot.core.testing.Fixtures;
import org.knowledgebot.session.DynamoUnsourcedAnswers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The gaps report's read of the sessions table's sparse index, with the real SDK against DynamoDB's JSON. */
class DynamoUnsourcedAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AMZ_JSON = "application/x-amz-json-1.0";

    private final StubAwsServer stub = StubAwsServer.start();
    private final DynamoDbClient dynamo = DynamoDbClient.builder().region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUBEXAMPLE", "stub-secret-key")))
            .httpClient(UrlConnectionHttpClient.create()).endpointOverride(stub.endpoint()).build();

    @AfterEach
    void stop() {
        dynamo.close();
        stub.close();
    }

    @Test
    void queriesTheSparseIndexNewestFirstSinceTheInstantAcrossPagesWithOnlyTheQuestionAndTime() throws Exception {
        // given two pages of the index
        stub.then(StubAwsServer.text(200, AMZ_JSON, Fixtures.read("dynamodb/query-unsourced-page1.json")))
                .then(StubAwsServer.text(200, AMZ_JSON, Fixtures.read("dynamodb/query-unsourced-page2.json")));

        // when
        List<AskedQuestion> questions = new DynamoUnsourcedAnswers(dynamo, "knowledgebot-dev-sessions")
                .since(Instant.parse("2026-12-01T00:00:00Z"), 50);

        // then
        assertThat(questions).containsExactly(
                new AskedQuestion("Can I keep chickens in my back yard?", Instant.parse("2026-12-01T11:40:00Z")),
                new AskedQuestion("Where is the skate park?", Instant.parse("2026-12-01T10:05:12.345Z")),
                new AskedQuestion("can i keep chickens", Instant.parse("2026-12-01T08:00:00Z")));
        List<StubAwsServer.Recorded> calls = stub.requests();
        assertThat(calls).hasSize(2);
        JsonNode first = JSON.readTree(calls.get(0).body());
        assertThat(calls.get(0).header("x-amz-target")).isEqualTo("DynamoDB_20120810.Query");
        assertThat(first.path("IndexName").asText()).isEqualTo("UnsourcedQuestions");
        assertThat(first.path("ScanIndexForward").asBoolean(true)).isFalse();
        assertThat(first.path("Limit").asInt()).isEqualTo(50);
        assertThat(first.path("ExpressionAttributeValues").path(":since").path("S").asText()).isEqualTo("2026-12-01T00:00:00.000Z");
        JsonNode second = JSON.readTree(calls.get(1).body());
        assertThat(second.path("ExclusiveStartKey").path("sk").path("S").asText()).endsWith("#TURN#000004");
        assertThat(second.path("Limit").asInt()).isEqualTo(48);
    }

    @Test
    void stopsAtTheMaximumEvenWhenTheIndexHasMore() {
        // given a page that says more follow
        stub.then(StubAwsServer.text(200, AMZ_JSON, Fixtures.read("dynamodb/query-unsourced-page1.json")));

        // when
        List<AskedQuestion> questions = new DynamoUnsourcedAnswers(dynamo, "t").since(Instant.EPOCH, 2);

        // then
        assertThat(questions).hasSize(2);
        assertThat(stub.requests()).hasSize(1);
    }
}
