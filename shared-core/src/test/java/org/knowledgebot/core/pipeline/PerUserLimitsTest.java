package org.knowledgebot.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.limits.InMemoryUsageCounters;
import org.knowledgebot.core.limits.UsageLimitSettings;
import org.knowledgebot.core.limits.UsageLimits;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.testing.MutableClock;
import org.knowledgebot.core.testing.PipelineHarness;
import org.knowledgebot.core.testing.ScriptedChatModel;
import org.knowledgebot.core.wire.ChatEndpoint;

/** A user over a per-user limit: told how long to wait, no model asked, nothing saved. */
class PerUserLimitsTest {
    private static final Identity ALICE = Identity.of("alice");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T19:56:18Z"));
    private final InMemoryUsageCounters counters = new InMemoryUsageCounters(clock);

    private PipelineHarness harness(long perMinute, long perDay, ScriptedChatModel answers) {
        return new PipelineHarness().withAnswerModel(answers).withUsageLimits(new UsageLimits(
                new UsageLimitSettings(OptionalLong.of(perMinute), OptionalLong.of(perDay)), counters, clock, line -> { }));
    }

    private static String typed(String requestId, String sessionId) {
        return "{\"action\":\"sendMessage\",\"requestId\":\"" + requestId + "\",\"sessionId\":\"" + sessionId
                + "\",\"message\":\"When is the property tax due?\"}";
    }

    @Test
    void aTypedMessageOverTheRateGetsThrottledWithTheWaitAndReachesNoModel() {
        // given one message a minute, the first one answered
        PipelineHarness harness = harness(1, 1_000_000, ScriptedChatModel.answering("Due in May."));
        ChatEndpoint endpoint = harness.endpoint();
        endpoint.onMessage("c1", ALICE, typed("r1", "s1"));
        int modelCalls = harness.answerModel().calls();
        int rewriteCalls = harness.rewriteModel().calls();
        int frames = harness.channel().frames().size();

        // when
        endpoint.onMessage("c1", ALICE, typed("r2", "s2"));

        // then
        assertThat(harness.channel().frames().subList(frames, harness.channel().frames().size())).containsExactly(
                "{\"type\":\"error\",\"requestId\":\"r2\",\"code\":\"THROTTLED\",\"message\":\"You are sending messages"
                        + " faster than this chatbot allows. Please try again in 42 seconds.\",\"retryable\":true,"
                        + "\"retryAfterSeconds\":42}");
        assertThat(harness.answerModel().calls()).isEqualTo(modelCalls);
        assertThat(harness.rewriteModel().calls()).isEqualTo(rewriteCalls);
        assertThat(harness.sessions().find("alice", "s2")).isEmpty();
    }

    @Test
    void aSeedMessageOverTheRateGetsTheErrorFrameWithTheWaitInWordsAndTheConnectionCloses() {
        // given
        PipelineHarness harness = harness(1, 1_000_000, ScriptedChatModel.answering("Due in May."));
        ChatEndpoint endpoint = harness.endpoint();
        String seed = "{\"action\":\"getChatbotResponse\",\"data\":{\"userMessage\":\"Hello\",\"session_id\":\"s9\"}}";
        endpoint.onMessage("c1", ALICE, seed);
        int frames = harness.channel().frames().size();

        // when
        endpoint.onMessage("c2", ALICE, seed);

        // then
        assertThat(harness.channel().frames().subList(frames, harness.channel().frames().size())).containsExactly(
                "<!ERROR!>: You are sending messages faster than this chatbot allows. Please try again in 42 seconds.");
        assertThat(harness.channel().disconnected()).contains("c2");
        assertThat(harness.sessions().find("alice", "s9").orElseThrow().turns()).hasSize(1);
    }

    @Test
    void theAnswersTokensAreChargedAndTheNextMessageAfterTheBudgetIsRefusedUntilMidnight() {
        // given a budget of 1,000 tokens and an answer that spends 1,200
        ScriptedChatModel model = ScriptedChatModel.answering("x").thenAnswerWith(
                new Completion("end_turn", new Usage(1_000, 200)), "Due in May.");
        PipelineHarness harness = harness(20, 1_000, model);
        ChatEndpoint endpoint = harness.endpoint();
        endpoint.onMessage("c1", ALICE, typed("r0", "s0"));
        endpoint.onMessage("c1", ALICE, typed("r1", "s1"));
        int frames = harness.channel().frames().size();

        // when
        endpoint.onMessage("c1", ALICE, typed("r2", "s2"));
        endpoint.onMessage("c1", Identity.of("bob"), typed("r3", "s3"));

        // then
        List<String> answered = harness.channel().frames().subList(frames, harness.channel().frames().size());
        assertThat(answered.get(0)).contains("\"code\":\"THROTTLED\"", "today's answer allowance",
                "\"retryAfterSeconds\":" + (4 * 3600 + 3 * 60 + 42));
        assertThat(answered.subList(1, answered.size())).anySatisfy(frame -> assertThat(frame).contains("\"type\":\"end\""));
        assertThat(harness.sessions().find("alice", "s2")).isEmpty();
    }
}
