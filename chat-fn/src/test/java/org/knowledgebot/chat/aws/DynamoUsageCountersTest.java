package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.chat.aws.StubAwsServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoUsageCountersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "KnowledgeBot-prod-Data-UsageCounters1A2B3C";
    @RegisterExtension
    final StubAwsServer stub = StubAwsServer.start();
    private final DynamoUsageCounters counters = new DynamoUsageCounters(stub.dynamoDb(), TABLE);

    @Test
    void addIsOneAtomicAddOnTheUsersWindowItemWithItsExpiryAndReturnsTheNewCount() throws Exception {
        // given
        stub.then(json(200, Fixtures.read("aws/dynamodb-update-item-usage-count.json")));

        // when
        long count = counters.add("sub-7f3a", "messages#2026-12-01T19:56", 1, Instant.parse("2026-12-01T20:57:00Z"));

        // then
        StubAwsServer.Recorded request = stub.onlyRequest();
        assertThat(request.header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.UpdateItem");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("TableName").asText()).isEqualTo(TABLE);
        assertThat(body.path("Key").path("user_id").path("S").asText()).isEqualTo("sub-7f3a");
        assertThat(body.path("Key").path("window").path("S").asText()).isEqualTo("messages#2026-12-01T19:56");
        assertThat(body.path("UpdateExpression").asText()).isEqualTo("ADD #count :amount SET #expires = if_not_exists(#expires, :expires)");
        assertThat(body.path("ExpressionAttributeNames").path("#expires").asText()).isEqualTo("expires_at");
        assertThat(body.path("ExpressionAttributeValues").path(":amount").path("N").asText()).isEqualTo("1");
        assertThat(body.path("ExpressionAttributeValues").path(":expires").path("N").asText())
                .isEqualTo(Long.toString(Instant.parse("2026-12-01T20:57:00Z").getEpochSecond()));
        assertThat(body.path("ReturnValues").asText()).isEqualTo("UPDATED_NEW");
        assertThat(count).isEqualTo(21);
    }

    @Test
    void getReadsTheCountOfTheUsersWindowAndZeroWhenThereIsNoItem() throws Exception {
        // given
        stub.then(json(200, Fixtures.read("aws/dynamodb-get-item-usage-count.json"))).then(json(200, "{}"));

        // when
        long today = counters.get("sub-7f3a", "tokens#2026-12-01");
        long untouched = counters.get("sub-7f3a", "tokens#2026-12-02");

        // then
        JsonNode body = JSON.readTree(stub.requests().get(0).body());
        assertThat(stub.requests().get(0).header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.GetItem");
        assertThat(body.path("Key").path("window").path("S").asText()).isEqualTo("tokens#2026-12-01");
        assertThat(today).isEqualTo(150_420);
        assertThat(untouched).isZero();
    }
}
