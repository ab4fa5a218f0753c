package org.knowledgebot.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.admin.ApiRequest;
import org.knowledgebot.core.admin.ApiResponse;
import org.knowledgebot.core.admin.Caller;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.testing.InMemoryUsageLedger;
import org.knowledgebot.core.testing.MutableClock;

class UsageReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-02T01:30:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");
    private static final String SONNET = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final Caller ANN = new Caller("ann-sub", "ann", List.of("admins"));
    private static final Caller BOB = new Caller("bob-sub", "bob", List.of());

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final List<String> logLines = new ArrayList<>();
    private final AdminRoutes routes = AdminRoutes.builder(new EventLog(logLines::add, clock))
            .route("GET", UsageReport.ROUTE, new UsageReport(ledger, ModelPrices.defaults(), clock)::usage).build();

    private ApiResponse get(Caller caller, Map<String, String> query) {
        return routes.handle(new ApiRequest("GET", UsageReport.ROUTE, query, null, caller), "r1");
    }

    @Test
    void everyDayOfThePeriodHasItsQuestionsErrorsTokensAndCostAndTheTopUsersAreRankedByTokens() throws Exception {
        // given
        ledger.add(new QuestionUsage(TODAY, "aaaa", SONNET, 1_000, 200, false));
        ledger.add(new QuestionUsage(TODAY, "bbbb", SONNET, 3_000, 1_000, true));
        ledger.add(new QuestionUsage(TODAY.minusDays(2), "aaaa", "us." + SONNET, 2_000, 0, false));
        ledger.add(new QuestionUsage(TODAY.minusDays(2), "cccc", null, 0, 0, true));
        ledger.add(new QuestionUsage(TODAY.minusDays(3), "dddd", SONNET, 9_000, 0, false));

        // when
        ApiResponse response = get(ANN, Map.of("since", "2026-11-30"));

        // then
        assertThat(response.status()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("since").asText()).isEqualTo("2026-11-30");
        assertThat(json.path("until").asText()).isEqualTo("2026-12-02");
        assertThat(json.path("days")).extracting(day -> day.path("day").asText())
                .containsExactly("2026-11-30", "2026-12-01", "2026-12-02");
        assertThat(json.at("/days/1/questions").asLong()).isZero();
        JsonNode today = json.at("/days/2");
        assertThat(today.path("questions").asLong()).isEqualTo(2);
        assertThat(today.path("errors").asLong()).isEqualTo(1);
        assertThat(today.path("inputTokens").asLong()).isEqualTo(4_000);
        assertThat(today.path("outputTokens").asLong()).isEqualTo(1_200);
        // 4,000 × $0.003 / 1,000 + 1,200 × $0.015 / 1,000
        assertThat(today.path("costUsd").decimalValue()).isEqualByComparingTo("0.0300");
        assertThat(json.at("/days/0/costUsd").decimalValue()).as("an inference profile is priced as its model")
                .isEqualByComparingTo("0.0060");
        assertThat(json.at("/totals/questions").asLong()).isEqualTo(4);
        assertThat(json.at("/totals/errors").asLong()).isEqualTo(2);
        assertThat(json.at("/totals/costUsd").decimalValue()).isEqualByComparingTo("0.0360");
        assertThat(json.path("topUsers")).extracting(user -> user.path("userHash").asText())
                .containsExactly("bbbb", "aaaa", "cccc");
        assertThat(json.at("/topUsers/1/tokens").asLong()).isEqualTo(3_200);
        assertThat(json.at("/topUsers/1/questions").asLong()).isEqualTo(2);
        assertThat(json.path("unpricedModels")).isEmpty();
    }

    @Test
    void withoutSinceTheReportCoversTodayAndThe29DaysBefore() throws Exception {
        // when
        JsonNode json = JSON.readTree(get(ANN, Map.of()).body());

        // then
        assertThat(json.path("since").asText()).isEqualTo("2026-11-03");
        assertThat(json.path("days")).hasSize(30);
    }

    @Test
    void aModelWithoutAPriceIsNamedAndCostsNothingInTheEstimate() throws Exception {
        // given
        ledger.add(new QuestionUsage(TODAY, "aaaa", "offline", 500, 50, false));

        // when
        JsonNode json = JSON.readTree(get(ANN, Map.of("since", "2026-12-02")).body());

        // then
        assertThat(json.at("/days/0/inputTokens").asLong()).isEqualTo(500);
        assertThat(json.at("/days/0/costUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(json.path("unpricedModels")).extracting(JsonNode::asText).containsExactly("offline");
    }

    @Test
    void aBadSinceIsA400ThatSaysWhatIsAccepted() throws Exception {
        for (String since : List.of("yesterday", "2026-13-01", "2026-12-03", "2026-09-03")) {
            ApiResponse response = get(ANN, Map.of("since", since));
            assertThat(response.status()).as(since).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("message").asText()).as(since)
                    .containsAnyOf("since must be a day", "must not be after today", "at most 90 days");
        }
        assertThat(get(ANN, Map.of("since", "2026-09-04")).status()).as("exactly 90 days").isEqualTo(200);
    }

    @Test
    void aNonOperatorGets403AndNothingIsRead() {
        // given
        ledger.add(new QuestionUsage(TODAY, "aaaa", SONNET, 1, 1, false));

        // when
        ApiResponse response = get(BOB, Map.of());

        // then
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("aaaa");
    }

    @Test
    void theStagesPricesAddToAndOverrideTheDefaultsAndAMalformedValueNamesTheVariable() {
        ModelPrices prices = ModelPrices.from(new Environment(Map.of("MODEL_PRICES",
                "{\"offline\":{\"input\":0,\"output\":0},\"" + SONNET + "\":{\"input\":0.006,\"output\":0.03}}")));

        assertThat(prices.of("offline")).contains(new ModelPrices.Price(0, 0));
        assertThat(prices.of(SONNET)).contains(new ModelPrices.Price(0.006, 0.03));
        assertThat(prices.of("mistral.mistral-7b-instruct-v0:2")).contains(new ModelPrices.Price(0.00015, 0.0002));
        assertThat(prices.of("meta.llama3-8b-instruct-v1:0")).isEmpty();
        for (String bad : List.of("[1]", "{\"m\":{\"input\":\"cheap\"}}", "{\"m\":{\"input\":-1,\"output\":0}}", "{")) {
            assertThatThrownBy(() -> ModelPrices.from(new Environment(Map.of("MODEL_PRICES", bad))))
                    .as(bad).isInstanceOf(ConfigurationException.class).hasMessageContaining("MODEL_PRICES");
        }
    }
}
