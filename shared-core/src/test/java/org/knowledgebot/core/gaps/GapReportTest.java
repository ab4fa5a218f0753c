package org.knowledgebot.core.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.knowledgebot.core.feedback.Feedback;
import org.knowledgebot.core.feedback.FeedbackCategory;
import org.knowledgebot.core.feedback.Rating;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.testing.InMemoryFeedbackStore;
import org.knowledgebot.core.testing.MutableClock;

class GapReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Caller ANN = new Caller("ann-sub", "ann", List.of("admins"));
    private static final Caller BOB = new Caller("bob-sub", "bob", List.of());

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryFeedbackStore feedback = new InMemoryFeedbackStore();
    private final List<AskedQuestion> unsourced = new ArrayList<>();
    private final List<Instant> asked = new ArrayList<>();
    private final List<String> logLines = new ArrayList<>();
    private final AdminRoutes routes = AdminRoutes.builder(new EventLog(logLines::add, clock))
            .route("GET", "/admin/gaps", new GapReport((since, max) -> {
                asked.add(since);
                return unsourced.stream().filter(q -> !q.askedAt().isBefore(since)).limit(max).toList();
            }, feedback, clock)::gaps).build();

    private ApiResponse get(Caller caller, Map<String, String> query) {
        return routes.handle(new ApiRequest("GET", "/admin/gaps", query, null, caller), "r1");
    }

    private void ratedDown(String question, Instant at) {
        feedback.save(new Feedback("u-" + at.toEpochMilli(), "s1", "m" + at.toEpochMilli(), Rating.DOWN,
                Optional.of(FeedbackCategory.WRONG), "", question, "answer", List.of(), at));
    }

    @Test
    void unsourcedAndDownRatedQuestionsAreGroupedByWordingMostAskedFirstWithTheLatestTime() throws Exception {
        // given
        unsourced.add(new AskedQuestion("Can I keep chickens?", NOW.minusSeconds(300)));
        unsourced.add(new AskedQuestion("can i keep CHICKENS", NOW.minusSeconds(200)));
        unsourced.add(new AskedQuestion("Where is the skate park?", NOW.minusSeconds(100)));
        ratedDown("¿Cuándo abre la piscina?", NOW.minusSeconds(50));
        ratedDown("Can I keep chickens ?", NOW.minusSeconds(10));
        feedback.save(new Feedback("u9", "s9", "m9", Rating.UP, Optional.empty(), "", "Where is city hall?", "a",
                List.of(), NOW));

        // when
        ApiResponse response = get(ANN, Map.of("since", "2026-12-01"));

        // then
        assertThat(response.status()).isEqualTo(200);
        JsonNode gaps = JSON.readTree(response.body()).path("gaps");
        assertThat(gaps).hasSize(3);
        assertThat(gaps.get(0).path("question").asText()).isEqualTo("Can I keep chickens ?");
        assertThat(gaps.get(0).path("count").asInt()).isEqualTo(3);
        assertThat(gaps.get(0).path("unsourced").asInt()).isEqualTo(2);
        assertThat(gaps.get(0).path("ratedDown").asInt()).isEqualTo(1);
        assertThat(gaps.get(0).path("lastAskedAt").asText()).isEqualTo("2026-12-01T11:59:50Z");
        assertThat(gaps.get(1).path("question").asText()).isEqualTo("¿Cuándo abre la piscina?");
        assertThat(gaps.findValuesAsText("question")).doesNotContain("Where is city hall?");
        assertThat(asked).containsExactly(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(String.join("\n", logLines)).doesNotContain("chickens", "skate");
    }

    @Test
    void withoutSinceTheLast30DaysAreReadABadSinceIs400AndANonOperator403() {
        // when
        ApiResponse none = get(ANN, Map.of());
        ApiResponse bad = get(ANN, Map.of("since", "last week"));
        ApiResponse bobs = get(BOB, Map.of());

        // then
        assertThat(none.status()).isEqualTo(200);
        assertThat(asked).containsExactly(NOW.minus(GapReport.DEFAULT_PERIOD));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("since must be a day (2026-12-01)");
        assertThat(bobs.status()).isEqualTo(403);
    }

    @Test
    void wordingIgnoresCaseAccentsPunctuationAndSpacing() {
        assertThat(QuestionWording.normalized("  ¿Cuándo ABRE   la piscina?! ")).isEqualTo("cuando abre la piscina");
        assertThat(QuestionWording.normalized("When is the tax due?")).isEqualTo(QuestionWording.normalized("when is the TAX due"));
    }
}
