package org.knowledgebot.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.knowledgebot.chat.aws.StubAwsServer;
import org.knowledgebot.core.feedback.AnsweredTurns;
import org.knowledgebot.core.feedback.FeedbackService;
import org.knowledgebot.core.testing.Fixtures;
import org.knowledgebot.session.DynamoSessionStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackCategory;
import org.knowledgebot.core.feedback.FeedbackReports;
import org.knowledgebot.core.feedback.FeedbackRoutes;
import org.knowledgebot.core.feedback.Rating;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.testing.InMemoryFeedbackStore;
import org.knowledgebot.core.testing.MutableClock;

class AdminHttpHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final List<String> log = new ArrayList<>();
    private final AdminHttpHandler handler = new AdminHttpHandler(FeedbackRoutes.addReports(
            AdminRoutes.builder(new EventLog(log::add, new MutableClock(NOW))), new FeedbackReports(store)).build());

    @Test
    void anOperatorInTheAdminsGroupOfTheJwtClaimsDownloadsTheCsv() throws IOException {
        store.save(new Feedback("u1", "s1", "m1", Rating.DOWN, Optional.of(FeedbackCategory.WRONG), "@bad",
                "Q?", "A.", List.of("Tax"), NOW));
        store.save(new Feedback("u1", "s1", "m2", Rating.UP, Optional.empty(), "", "Q2?", "A2.", List.of(), NOW));

        APIGatewayV2HTTPResponse response = handler.handleRequest(event("http-admin-feedback-csv-ann.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/csv; charset=utf-8")
                .containsEntry("Content-Disposition", "attachment; filename=\"feedback.csv\"");
        assertThat(response.getBody().split("\r\n")).hasSize(2);
        assertThat(response.getBody()).contains("\"'@bad\"").doesNotContain("Q2?");
    }

    @Test
    void aUserWithoutTheGroupGets403() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event("http-admin-feedback-bob.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("admins");
        assertThat(log).singleElement().asString().contains("\"route\":\"GET /admin/feedback\"", "\"outcome\":\"status 403\"");
    }

    @Test
    void aRequestWithoutClaimsGets401() throws IOException {
        APIGatewayV2HTTPEvent event = event("http-admin-feedback-bob.json");
        event.getRequestContext().setAuthorizer(null);

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void aUserRatesAnAnswerOfTheirOwnSessionFoundInTheSessionsTableAndTheRatingIsOnePutItem() throws IOException {
        // given the sessions table holding bob's answered turn, and the feedback table accepting the put
        try (StubAwsServer dynamo = StubAwsServer.start()) {
            dynamo.routing(request -> request.header("x-amz-target").endsWith("Query")
                    ? StubAwsServer.text(200, "application/x-amz-json-1.0", Fixtures.read("dynamodb/query-bobs-session.json"))
                    : StubAwsServer.text(200, "application/x-amz-json-1.0", "{}"));
            DynamoDbClient client = DynamoDbClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUBEXAMPLE", "stub-secret-key")))
                    .httpClient(UrlConnectionHttpClient.create()).endpointOverride(dynamo.endpoint()).build();
            MutableClock clock = new MutableClock(NOW);
            AdminHttpHandler feedback = new AdminHttpHandler(FeedbackRoutes.addSubmission(
                    AdminRoutes.builder(new EventLog(log::add, clock)), new FeedbackService(
                            new DynamoFeedbackStore(client, "knowledgebot-dev-feedback"),
                            AnsweredTurns.in(new DynamoSessionStore(client, "knowledgebot-dev-sessions", clock)), clock)).build());

            // when
            APIGatewayV2HTTPResponse response = feedback.handleRequest(event("http-feedback-post-bob.json"), null);

            // then the turn was looked up in bob's own key range, and stored with its context
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
            List<StubAwsServer.Recorded> calls = dynamo.requests();
            assertThat(calls).extracting(call -> call.header("x-amz-target"))
                    .containsExactly("DynamoDB_20120810.Query", "DynamoDB_20120810.PutItem");
            assertThat(calls.get(0).body()).contains("knowledgebot-dev-sessions", "b0b0b0b0-1111-4222-8333-444455556666");
            JsonNode item = JSON.readTree(calls.get(1).body()).path("Item");
            assertThat(item.path("answer_key").path("S").asText())
                    .isEqualTo("9f0c2b1e-5d4a-4c3b-8a7f-6e5d4c3b2a10#0b9c8d7e-6f5a-4b3c-9d2e-1f0a9b8c7d6e");
            assertThat(item.path("question").path("S").asText()).isEqualTo("And when is the second half due?");
            assertThat(item.path("sources").path("L").findValuesAsText("S")).containsExactly("Property Tax Due Dates");
            assertThat(String.join("\n", log)).doesNotContain("second half", "August");
            client.close();
        }
    }

    static APIGatewayV2HTTPEvent event(String name) throws IOException {
        try (InputStream in = AdminHttpHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readValue(in, APIGatewayV2HTTPEvent.class);
        }
    }
}
