package org.knowledgebot.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.limits.InMemoryUsageCounters;
import org.knowledgebot.core.limits.UsageLimitSettings;
import org.knowledgebot.core.limits.UsageLimits;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.observability.UserHash;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.testing.InMemoryUsageLedger;
import org.knowledgebot.core.testing.PipelineHarness;
import org.knowledgebot.core.testing.RecordingOutput;
import org.knowledgebot.core.testing.ScriptedChatModel;
import org.knowledgebot.core.usage.QuestionUsage;
import org.knowledgebot.core.usage.UsageTally;

/** Every question of the chat route is counted for the usage report: tokens by model, errors as the user saw them. */
class UsageCountingTest {
    private static final Identity ALICE = Identity.of("alice");
    private static final LocalDate TODAY = LocalDate.ofInstant(PipelineHarness.NOW, ZoneOffset.UTC);
    private final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    private final RecordingOutput log = new RecordingOutput();

    private PipelineHarness harness(ScriptedChatModel answers) {
        PipelineHarness harness = new PipelineHarness().withAnswerModel(answers);
        return harness.withUsageTally(new UsageTally(Optional.of(ledger), harness.clock(), new EventLog(log, harness.clock())));
    }

    private static String typed(String requestId) {
        return "{\"action\":\"sendMessage\",\"requestId\":\"" + requestId + "\",\"sessionId\":\"s1\","
                + "\"message\":\"When is the property tax due?\"}";
    }

    @Test
    void anAnsweredQuestionCountsItsTokensUnderItsModelAndTheHashedUserToday() {
        // given
        PipelineHarness harness = harness(new ScriptedChatModel().thenAnswerWith(
                new Completion("end_turn", new Usage(412, 57)), "Due in May."));

        // when
        harness.endpoint().onMessage("c1", ALICE, typed("r1"));

        // then
        assertThat(ledger.added()).containsExactly(new QuestionUsage(TODAY, UserHash.of("alice"), "claude", 412, 57, false));
    }

    @Test
    void aModelFailureBeforeAnyTokenCountsAsOneErrorWithoutTokens() {
        // given
        PipelineHarness harness = harness(ScriptedChatModel.failing(new IllegalStateException("model down")));

        // when
        harness.endpoint().onMessage("c1", ALICE, typed("r1"));

        // then
        assertThat(harness.channel().frames()).last().satisfies(frame -> assertThat(frame).contains("\"type\":\"error\""));
        assertThat(ledger.added()).singleElement().satisfies(usage -> {
            assertThat(usage.error()).isTrue();
            assertThat(usage.tokens()).isZero();
        });
    }

    @Test
    void aQuestionRefusedByTheUsersLimitCountsAsAnErrorWithNoModel() {
        // given one message a minute
        PipelineHarness harness = harness(ScriptedChatModel.answering("Due in May."));
        harness.withUsageLimits(new UsageLimits(new UsageLimitSettings(OptionalLong.of(1), OptionalLong.empty()),
                new InMemoryUsageCounters(harness.clock()), harness.clock(), line -> { }));
        var endpoint = harness.endpoint();
        endpoint.onMessage("c1", ALICE, typed("r1"));

        // when
        endpoint.onMessage("c1", ALICE, typed("r2"));

        // then
        assertThat(ledger.added()).hasSize(2);
        assertThat(ledger.added().get(1)).isEqualTo(new QuestionUsage(TODAY, UserHash.of("alice"), null, 0, 0, true));
    }

    @Test
    void aFailingLedgerLeavesTheAnswerWholeAndOneWarningWithItsCauseButNoUserId() {
        // given
        PipelineHarness harness = new PipelineHarness();
        harness.withUsageTally(new UsageTally(Optional.of(usage -> {
            throw new IllegalStateException("table gone");
        }), harness.clock(), new EventLog(log, harness.clock())));

        // when
        harness.endpoint().onMessage("c1", ALICE, typed("r1"));

        // then
        assertThat(harness.channel().frames()).last().satisfies(frame -> assertThat(frame).contains("\"type\":\"end\""));
        assertThat(log.lines()).singleElement().satisfies(line -> assertThat(line)
                .contains("\"level\":\"WARN\"", "\"route\":\"usage\"", "\"outcome\":\"not counted\"",
                        "\"cause\":\"IllegalStateException\"", UserHash.of("alice"))
                .doesNotContain("alice\"", "table gone"));
    }
}
