package org.knowledgebot.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.admin.ApiRequest;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.admin.Caller;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.testing.InMemoryFeedbackStore;
import org.knowledgebot.core.testing.MutableClock;

class FeedbackRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller ALICE = new Caller("alice-sub", "alice", List.of());
    private static final Caller BOB = new Caller("bob-sub", "bob", List.of());
    private static final Caller ANN = new Caller("ann-sub", "ann", List.of("admins"));
    private static final String LONG_ANSWER = "x".repeat(1_500);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private final List<String> logLines = new ArrayList<>();
    private final AnsweredTurns turns = (user, session, message) ->
            user.equals("alice-sub") && session.equals("s1") && message.equals("m1")
                    ? Optional.of(new RatedAnswer("When is tax due?", LONG_ANSWER, List.of("Property Tax")))
                    : user.equals("alice-sub") && session.equals("s1") && message.equals("m2")
                    ? Optional.of(new RatedAnswer("=cmd|' /C calc'!A0", "Sorry.", List.of()))
                    : Optional.empty();
    private final AdminRoutes routes = FeedbackRoutes.addReports(FeedbackRoutes.addSubmission(
            AdminRoutes.builder(new EventLog(logLines::add, clock)), new FeedbackService(store, turns, clock)),
            new FeedbackReports(store)).build();

    @Test
    void aDownRatingIsStoredWithTheQuestionTheCutAnswerAndTheSourceTitles() {
        ApiResponse response = post(ALICE, "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"down\","
                + "\"category\":\"outdated\",\"comment\":\"The date changed in 2026.\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(store.all()).singleElement().satisfies(saved -> {
            assertThat(saved.userId()).isEqualTo("alice-sub");
            assertThat(saved.rating()).isEqualTo(Rating.DOWN);
            assertThat(saved.category()).contains(FeedbackCategory.OUTDATED);
            assertThat(saved.comment()).isEqualTo("The date changed in 2026.");
            assertThat(saved.question()).isEqualTo("When is tax due?");
            assertThat(saved.answer()).hasSize(1_000);
            assertThat(saved.sourceTitles()).containsExactly("Property Tax");
            assertThat(saved.ratedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void aSecondRatingOfTheSameAnswerReplacesTheFirst() {
        post(ALICE, "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"down\",\"category\":\"wrong\"}");
        clock.advance(Duration.ofMinutes(1));
        post(ALICE, "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"up\"}");

        assertThat(store.all()).singleElement().satisfies(saved -> {
            assertThat(saved.rating()).isEqualTo(Rating.UP);
            assertThat(saved.category()).isEmpty();
        });
    }

    @Test
    void anotherUsersOrAnUnknownMessageIdIs404AndNothingIsSaved() {
        ApiResponse bobs = post(BOB, "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"up\"}");
        ApiResponse unknown = post(ALICE, "{\"sessionId\":\"s1\",\"messageId\":\"m9\",\"rating\":\"up\"}");

        assertThat(bobs.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("No answer with this messageId");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void badInputIs400WithAMessageThatSaysWhatToSendAndNothingIsSaved() {
        Map<String, String> cases = Map.of(
                "not json", "Send a JSON object",
                "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"meh\"}", "rating must be \"up\" or \"down\"",
                "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"down\",\"category\":\"rude\"}", "category must be one of wrong, incomplete, outdated, other",
                "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"down\"}", "A down rating needs a category",
                "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"down\",\"category\":\"other\",\"comment\":\"" + "c".repeat(1_001) + "\"}", "comment is 1001 characters; at most 1000",
                "{\"sessionId\":\"../x\",\"messageId\":\"m1\",\"rating\":\"up\"}", "sessionId must be",
                "{\"sessionId\":\"s1\",\"messageId\":7,\"rating\":\"up\"}", "messageId must be a string",
                "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"up\",\"category\":\"wrong\"}", "category is only for a down rating");
        cases.forEach((body, message) -> {
            ApiResponse response = post(ALICE, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(messageOf(response)).as(body).contains(message);
        });
        assertThat(store.all()).isEmpty();
    }

    @Test
    void aCommentOfExactlyTheLimitIsKept() {
        String comment = "c".repeat(1_000);
        assertThat(post(ALICE, "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"down\",\"category\":\"other\",\"comment\":\""
                + comment + "\"}").status()).isEqualTo(200);
        assertThat(store.all().get(0).comment()).isEqualTo(comment);
    }

    @Test
    void theAdminListIsForOperatorsOnly() {
        assertThat(get(ALICE, "/admin/feedback", Map.of()).status()).isEqualTo(403);
        assertThat(get(ALICE, "/admin/feedback.csv", Map.of()).status()).isEqualTo(403);
        assertThat(get(ALICE, "/admin/anything-else", Map.of()).status()).isEqualTo(403);
        assertThat(get(null, "/admin/feedback", Map.of()).status()).isEqualTo(401);
        assertThat(get(ANN, "/admin/feedback", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void theAdminListIsNewestFirstFilteredAndPaginated() throws Exception {
        post(ALICE, "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"up\"}");
        clock.advance(Duration.ofHours(1));
        post(ALICE, "{\"sessionId\":\"s1\",\"messageId\":\"m2\",\"rating\":\"down\",\"category\":\"wrong\",\"comment\":\"No.\"}");

        JsonNode all = JSON.readTree(get(ANN, "/admin/feedback", Map.of()).body());
        assertThat(all.path("items").findValuesAsText("messageId")).containsExactly("m2", "m1");
        assertThat(all.path("items").get(0).path("comment").asText()).isEqualTo("No.");
        assertThat(all.path("items").get(0).has("userId")).isFalse();

        JsonNode down = JSON.readTree(get(ANN, "/admin/feedback", Map.of("rating", "down")).body());
        assertThat(down.path("items").findValuesAsText("messageId")).containsExactly("m2");
        JsonNode recent = JSON.readTree(get(ANN, "/admin/feedback", Map.of("since", "2026-12-01T10:30:00Z")).body());
        assertThat(recent.path("items").findValuesAsText("messageId")).containsExactly("m2");

        JsonNode first = JSON.readTree(get(ANN, "/admin/feedback", Map.of("limit", "1")).body());
        assertThat(first.path("items").findValuesAsText("messageId")).containsExactly("m2");
        JsonNode second = JSON.readTree(get(ANN, "/admin/feedback",
                Map.of("limit", "1", "cursor", first.path("nextCursor").asText())).body());
        assertThat(second.path("items").findValuesAsText("messageId")).containsExactly("m1");
        assertThat(second.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void badListParametersAre400() {
        assertThat(get(ANN, "/admin/feedback", Map.of("rating", "sideways")).status()).isEqualTo(400);
        assertThat(get(ANN, "/admin/feedback", Map.of("since", "yesterday")).status()).isEqualTo(400);
        assertThat(get(ANN, "/admin/feedback", Map.of("limit", "0")).status()).isEqualTo(400);
        assertThat(get(ANN, "/admin/feedback", Map.of("cursor", "forged")).body()).contains("cursor is not one this list returned");
    }

    @Test
    void theCsvHasEveryRatingAndNeutralizesFormulas() {
        post(ALICE, "{\"sessionId\":\"s1\",\"messageId\":\"m2\",\"rating\":\"down\",\"category\":\"wrong\",\"comment\":\"=1+1\"}");

        ApiResponse csv = get(ANN, "/admin/feedback.csv", Map.of());
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.headers()).containsEntry("Content-Disposition", "attachment; filename=\"feedback.csv\"");
        assertThat(csv.body().split("\r\n")).hasSize(2);
        assertThat(csv.body()).contains("\"'=1+1\"", "\"'=cmd|' /C calc'!A0\"");
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertThat(get(ALICE, "/nothing", Map.of()).status()).isEqualTo(404);
        assertThat(get(ALICE, "/feedback", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void theLogLineNamesRouteAndStatusButNeverTheComment() {
        post(ALICE, "{\"sessionId\":\"s1\",\"messageId\":\"m1\",\"rating\":\"down\",\"category\":\"other\",\"comment\":\"secret words\"}");
        assertThat(logLines).singleElement().asString().contains("\"route\":\"POST /feedback\"", "\"outcome\":\"status 200\"")
                .doesNotContain("secret", "alice");
    }

    private static String messageOf(ApiResponse response) {
        try {
            return JSON.readTree(response.body()).path("message").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private ApiResponse post(Caller caller, String body) {
        return routes.handle(new ApiRequest("POST", "/feedback", Map.of(), body, caller), "r1");
    }

    private ApiResponse get(Caller caller, String path, Map<String, String> query) {
        return routes.handle(new ApiRequest("GET", path, query, "", caller), "r1");
    }
}
