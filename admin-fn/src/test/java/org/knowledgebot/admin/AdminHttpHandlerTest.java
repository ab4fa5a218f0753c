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
import org.junit.jupiter.api.Test;
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

    static APIGatewayV2HTTPEvent event(String name) throws IOException {
        try (InputStream in = AdminHttpHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readValue(in, APIGatewayV2HTTPEvent.class);
        }
    }
}
