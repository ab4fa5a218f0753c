package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.knowledgebot.chat.aws.StubAwsServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.core.usage.QuestionUsage;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The chat route's usage counts, with the real SDK client against a stub answering DynamoDB's JSON. */
class DynamoUsageLedgerTest {
    private static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final LocalDate DAY = LocalDate.parse("2026-12-02");
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final DynamoUsageLedger ledger = new DynamoUsageLedger(stub.closing(stub.clients().dynamoDb()),
            StubAwsBackend.USAGE_TABLE);

    @Test
    void aQuestionIsTwoAtomicAddsOnTheDaysTotalsByModelAndOnTheUsersDayUnderTheReservedPartition() throws Exception {
        // given
        stub.then(json(200, "{}")).then(json(200, "{}"));

        // when
        ledger.add(new QuestionUsage(DAY, "9b1f0c2d3e4a5b6c", MODEL, 412, 57, true));

        // then
        List<StubAwsServer.Recorded> requests = stub.requests();
        assertThat(requests).extracting(request -> request.header("X-Amz-Target"))
                .containsExactly("DynamoDB_20120810.UpdateItem", "DynamoDB_20120810.UpdateItem");
        JsonNode day = JSON.readTree(requests.get(0).body());
        assertThat(day.path("TableName").asText()).isEqualTo(StubAwsBackend.USAGE_TABLE);
        assertThat(day.at("/Key/user_id/S").asText()).isEqualTo("#usage");
        assertThat(day.at("/Key/window/S").asText()).isEqualTo("2026-12-02");
        assertThat(day.path("UpdateExpression").asText()).isEqualTo("ADD #questions :one, #errors :error, #input :input,"
                + " #output :output SET #expires = if_not_exists(#expires, :expires)");
        assertThat(day.at("/ExpressionAttributeNames/#input").asText()).isEqualTo("in#" + MODEL);
        assertThat(day.at("/ExpressionAttributeNames/#output").asText()).isEqualTo("out#" + MODEL);
        assertThat(day.at("/ExpressionAttributeValues/:input/N").asText()).isEqualTo("412");
        assertThat(day.at("/ExpressionAttributeValues/:output/N").asText()).isEqualTo("57");
        assertThat(day.at("/ExpressionAttributeValues/:error/N").asText()).isEqualTo("1");
        assertThat(day.at("/ExpressionAttributeValues/:expires/N").asLong()).as("100 days after the day")
                .isEqualTo(DAY.plusDays(100).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        JsonNode user = JSON.readTree(requests.get(1).body());
        assertThat(user.at("/Key/user_id/S").asText()).isEqualTo("#usage");
        assertThat(user.at("/Key/window/S").asText()).isEqualTo("2026-12-02#9b1f0c2d3e4a5b6c");
        assertThat(user.path("UpdateExpression").asText())
                .isEqualTo("ADD #questions :one, #tokens :tokens SET #expires = if_not_exists(#expires, :expires)");
        assertThat(user.at("/ExpressionAttributeValues/:tokens/N").asText()).isEqualTo("469");
    }

    @Test
    void aRefusedQuestionAddsNoModelTokensToTheDay() throws Exception {
        // given
        stub.then(json(200, "{}")).then(json(200, "{}"));

        // when
        ledger.add(new QuestionUsage(DAY, "9b1f0c2d3e4a5b6c", null, 0, 0, true));

        // then
        JsonNode day = JSON.readTree(stub.requests().get(0).body());
        assertThat(day.path("UpdateExpression").asText())
                .isEqualTo("ADD #questions :one, #errors :error SET #expires = if_not_exists(#expires, :expires)");
        assertThat(day.path("ExpressionAttributeNames").has("#input")).isFalse();
    }

    @Test
    void aMissingTableFailsTheAddWithTheServicesErrorCodeForTheCallersLogLine() {
        // given
        stub.then(json(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                + "\"message\":\"Requested resource not found\"}"));

        // when / then
        assertThatThrownBy(() -> ledger.add(new QuestionUsage(DAY, "9b1f0c2d3e4a5b6c", MODEL, 1, 1, false)))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ResourceNotFoundException"));
    }
}
