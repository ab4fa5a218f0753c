package org.knowledgebot.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.chat.aws.StubAwsServer.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.testing.Fixtures;
import org.knowledgebot.core.usage.UsageHistory;
import org.knowledgebot.core.usage.UsageHistory.Tokens;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The usage report's reads, with the real SDK client against a stub answering DynamoDB's JSON. */
class DynamoUsageHistoryTest {
    static final String TABLE = "KnowledgeBot-dev-Data-UsageCounters1A2B3C";
    static final String AMZ_JSON = "application/x-amz-json-1.0";

    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final DynamoUsageHistory history = new DynamoUsageHistory(stub.client(DynamoDbClient.builder()), TABLE);

    @Test
    void aPeriodIsOneQueryOfTheReservedPartitionsKeyRangeFollowedPageByPage() throws Exception {
        // given
        stub.then(text(200, AMZ_JSON, Fixtures.read("dynamodb/query-usage-page1.json")))
                .then(text(200, AMZ_JSON, Fixtures.read("dynamodb/query-usage-page2.json")));

        // when
        UsageHistory.Counted counted = history.read(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));

        // then
        assertThat(stub.requests()).extracting(request -> request.header("x-amz-target"))
                .containsOnly("DynamoDB_20120810.Query").hasSize(2);
        JsonNode first = new ObjectMapper().readTree(stub.requests().get(0).body());
        assertThat(first.path("TableName").asText()).isEqualTo(TABLE);
        assertThat(first.path("KeyConditionExpression").asText()).isEqualTo("#user = :partition AND #window BETWEEN :first AND :last");
        assertThat(first.at("/ExpressionAttributeValues/:partition/S").asText()).isEqualTo("#usage");
        assertThat(first.at("/ExpressionAttributeValues/:first/S").asText()).isEqualTo("2026-12-01");
        assertThat(first.at("/ExpressionAttributeValues/:last/S").asText()).isEqualTo("2026-12-02#~");
        JsonNode second = new ObjectMapper().readTree(stub.requests().get(1).body());
        assertThat(second.at("/ExclusiveStartKey/window/S").asText()).isEqualTo("2026-12-01#9b1f0c2d3e4a5b6c");
        assertThat(counted.days()).containsExactly(
                new UsageHistory.DayTotals(LocalDate.parse("2026-12-01"), 3, 1,
                        Map.of("anthropic.claude-3-5-sonnet-20240620-v1:0", new Tokens(4_000, 1_200))),
                new UsageHistory.DayTotals(LocalDate.parse("2026-12-02"), 1, 0,
                        Map.of("us.anthropic.claude-3-haiku-20240307-v1:0", new Tokens(2_000, 400),
                                "mistral.mistral-7b-instruct-v0:2", new Tokens(0, 0))));
        assertThat(counted.userDays()).containsExactly(
                new UsageHistory.UserDay(LocalDate.parse("2026-12-01"), "2bd806c97f0e00af", 2, 3_900),
                new UsageHistory.UserDay(LocalDate.parse("2026-12-01"), "9b1f0c2d3e4a5b6c", 1, 1_300),
                new UsageHistory.UserDay(LocalDate.parse("2026-12-02"), "9b1f0c2d3e4a5b6c", 1, 2_400));
    }

    @Test
    void aPeriodWithoutQuestionsIsEmpty() {
        // given
        stub.then(text(200, AMZ_JSON, "{\"Count\":0,\"Items\":[],\"ScannedCount\":0}"));

        // when
        UsageHistory.Counted counted = history.read(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"));

        // then
        assertThat(counted.days()).isEmpty();
        assertThat(counted.userDays()).isEmpty();
    }
}
