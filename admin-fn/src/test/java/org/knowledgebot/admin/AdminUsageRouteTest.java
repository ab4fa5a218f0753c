package org.knowledgebot.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.knowledgebot.chat.aws.StubAwsServer.text;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.testing.Fixtures;
import org.knowledgebot.core.testing.MutableClock;
import org.knowledgebot.core.usage.ModelPrices;
import org.knowledgebot.core.usage.UsageReport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code GET /admin/usage} through the Lambda handler, over the usage table's real SDK client. */
class AdminUsageRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T01:30:00Z"));
    private final List<String> log = new ArrayList<>();

    @RegisterExtension
    final StubAwsServer dynamo = StubAwsServer.start();
    private final AdminHttpHandler handler = new AdminHttpHandler(AdminRoutes.builder(new EventLog(log::add, clock))
            .route("GET", UsageReport.ROUTE, new UsageReport(new DynamoUsageHistory(dynamo.client(DynamoDbClient.builder()),
                    DynamoUsageHistoryTest.TABLE), ModelPrices.defaults(), clock)::usage).build());

    @Test
    void anOperatorGetsEachDaysCountsAndEstimatedCostAndTheTopUsersByTokens() throws Exception {
        // given
        dynamo.then(text(200, DynamoUsageHistoryTest.AMZ_JSON, Fixtures.read("dynamodb/query-usage-page1.json")))
                .then(text(200, DynamoUsageHistoryTest.AMZ_JSON, Fixtures.read("dynamodb/query-usage-page2.json")));

        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(AdminHttpHandlerTest.event("http-admin-usage-ann.json"), null);

        // then
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.getBody());
        assertThat(json.path("since").asText()).isEqualTo("2026-12-01");
        assertThat(json.path("until").asText()).isEqualTo("2026-12-02");
        assertThat(json.path("days")).hasSize(2);
        assertThat(json.at("/days/0").toString()).isEqualTo("{\"day\":\"2026-12-01\",\"questions\":3,\"errors\":1,"
                + "\"inputTokens\":4000,\"outputTokens\":1200,\"costUsd\":0.03}");
        // Haiku through the us. profile: 2,000 × $0.00025 / 1,000 + 400 × $0.00125 / 1,000
        assertThat(json.at("/days/1/costUsd").decimalValue()).isEqualByComparingTo("0.0010");
        assertThat(json.at("/totals/questions").asLong()).isEqualTo(4);
        assertThat(json.path("topUsers").toString()).isEqualTo("[{\"userHash\":\"2bd806c97f0e00af\",\"questions\":2,"
                + "\"tokens\":3900},{\"userHash\":\"9b1f0c2d3e4a5b6c\",\"questions\":2,\"tokens\":3700}]");
        assertThat(log).singleElement().asString().contains("\"route\":\"GET /admin/usage\"", "\"outcome\":\"status 200\"");
    }

    @Test
    void aSinceThatIsNoDayIsA400ThatNamesTheAcceptedFormsAndReadsNothing() throws Exception {
        // given
        APIGatewayV2HTTPEvent event = AdminHttpHandlerTest.event("http-admin-usage-ann.json");
        event.setRawQueryString("since=last-week");
        event.setQueryStringParameters(Map.of("since", "last-week"));

        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // then
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.getBody()).path("message").asText())
                .isEqualTo("since must be a day (2026-12-01) or an instant (2026-12-01T08:00:00Z).");
        assertThat(dynamo.requests()).isEmpty();
    }

    @Test
    void aSignedInUserOutsideTheAdminsGroupGets403AndNothingIsRead() throws Exception {
        // given
        APIGatewayV2HTTPEvent event = AdminHttpHandlerTest.event("http-admin-usage-ann.json");
        event.getRequestContext().getAuthorizer().getJwt().getClaims().remove("cognito:groups");

        // when
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        // then
        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("admins");
        assertThat(dynamo.requests()).isEmpty();
    }
}
