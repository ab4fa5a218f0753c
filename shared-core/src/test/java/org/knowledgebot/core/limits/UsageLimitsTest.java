package org.knowledgebot.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ConfigurationException;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.limits.UsageLimits.Decision;
import org.knowledgebot.core.limits.UsageLimits.Limit;
import org.knowledgebot.core.port.UsageCounters;
import org.knowledgebot.core.testing.MutableClock;

class UsageLimitsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T19:56:18Z"));
    private final InMemoryUsageCounters counters = new InMemoryUsageCounters(clock);
    private final java.util.List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

    private UsageLimits limits(long perMinute, long perDay) {
        return new UsageLimits(new UsageLimitSettings(OptionalLong.of(perMinute), OptionalLong.of(perDay)), counters, clock, warnings::add);
    }

    @Test
    void theMessageOverTheMinutesLimitIsRefusedUntilTheNextMinute() {
        // given
        UsageLimits limits = limits(20, 200_000);
        for (int i = 0; i < 20; i++) {
            assertThat(limits.admit("alice").admitted()).isTrue();
        }

        // when
        Decision refused = limits.admit("alice");
        Decision otherUser = limits.admit("bob");
        clock.advance(Duration.ofSeconds(42));
        Decision nextMinute = limits.admit("alice");

        // then
        assertThat(refused).isEqualTo(new Decision(false, Limit.MESSAGES_PER_MINUTE, 42));
        assertThat(refused.message()).isEqualTo(
                "You are sending messages faster than this chatbot allows. Please try again in 42 seconds.");
        assertThat(otherUser.admitted()).isTrue();
        assertThat(nextMinute.admitted()).isTrue();
    }

    @Test
    void aUserWhoseAnswersSpentTheDaysTokensIsRefusedUntilMidnightUtc() {
        // given
        UsageLimits limits = limits(20, 200_000);
        limits.charge("alice", 150_000);
        assertThat(limits.admit("alice").admitted()).isTrue();
        limits.charge("alice", 50_000);

        // when
        Decision refused = limits.admit("alice");
        clock.advance(Duration.ofHours(5));
        Decision tomorrow = limits.admit("alice");

        // then
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.limit()).isEqualTo(Limit.DAILY_TOKENS);
        assertThat(refused.retryAfterSeconds()).isEqualTo(Duration.ofHours(4).plusMinutes(3).plusSeconds(42).toSeconds());
        assertThat(refused.message()).isEqualTo("You have used today's answer allowance. Please try again in 4 hours and 4 minutes.");
        assertThat(tomorrow.admitted()).isTrue();
    }

    @Test
    void concurrentMessagesOfOneUserAreEachCountedOnce() throws Exception {
        // given
        UsageLimits limits = limits(1_000, 1_000_000);
        ExecutorService threads = Executors.newFixedThreadPool(8);

        // when 1,200 messages at once
        java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 1_200; i++) {
            threads.execute(() -> {
                if (limits.admit("alice").admitted()) {
                    admitted.incrementAndGet();
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        // then
        assertThat(admitted).hasValue(1_000);
    }

    @Test
    void withoutSettingsNothingIsLimitedOrCounted() {
        // given
        UsageLimits limits = new UsageLimits(UsageLimitSettings.from(new Environment(Map.of())), counters, clock, warnings::add);

        // when
        for (int i = 0; i < 10_000; i++) {
            assertThat(limits.admit("alice").admitted()).isTrue();
        }
        limits.charge("alice", 10_000_000);

        // then
        assertThat(counters.size()).isZero();
    }

    @Test
    void aBadLimitStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> UsageLimitSettings.from(new Environment(Map.of("USER_MESSAGES_PER_MINUTE", "0"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("USER_MESSAGES_PER_MINUTE");
    }

    @Test
    void countersOfPastWindowsAreForgotten() {
        // given
        UsageLimits limits = limits(20, 200_000);
        limits.admit("alice");
        limits.charge("alice", 10);
        assertThat(counters.size()).isEqualTo(2);

        // when two days later someone sends a message
        clock.advance(Duration.ofDays(2));
        limits.admit("bob");

        // then
        assertThat(counters.size()).isEqualTo(1);
    }

    @Test
    void unreachableCountersLetTheMessageThroughAndLeaveAWarningWithTheCause() {
        // given counters whose store is down
        UsageCounters down = new UsageCounters() {
            @Override
            public long add(String userId, String window, long amount, Instant expiresAt) {
                throw new IllegalStateException("store down", new java.io.IOException("connection refused"));
            }

            @Override
            public long get(String userId, String window) {
                throw new IllegalStateException("store down");
            }
        };
        UsageLimits limits = new UsageLimits(new UsageLimitSettings(OptionalLong.of(1), OptionalLong.empty()), down, clock,
                warnings::add);

        // when
        Decision decision = limits.admit("alice");

        // then
        assertThat(decision.admitted()).isTrue();
        assertThat(warnings).singleElement().satisfies(line -> assertThat(line)
                .contains("\"step\":\"admit\"", "java.lang.IllegalStateException < java.io.IOException")
                .doesNotContain("alice", "store down"));
    }
}
