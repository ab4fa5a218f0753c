package org.knowledgebot.core.bench;

import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.limits.InMemoryUsageCounters;
import org.knowledgebot.core.limits.UsageLimitSettings;
import org.knowledgebot.core.limits.UsageLimits;
import org.knowledgebot.core.testing.PipelineBuilder;
import org.knowledgebot.core.testing.RecordingClientChannel;
import org.knowledgebot.core.testing.ScriptedChatModel;
import org.knowledgebot.core.wire.ChatEndpoint;

/**
 * Whether the per-user limit check slows users who stay within their limits: 500 users at once, 10 messages each
 * (the stage allows 20 a minute), through the whole endpoint and pipeline with instant fakes, without limits and
 * with them (in-memory counters, as the local runtime counts). Prints numbers, asserts nothing about timing.
 */
@Tag("bench")
class UsageLimitsBenchmarkTest {
    private static final int USERS = 500;
    private static final int MESSAGES_EACH = 10;

    @Test
    void fiveHundredUsersWithinTheirLimitsAreNotSlowedByTheCheck() throws Exception {
        for (int round = 0; round < 5; round++) {
            Run off = run(UsageLimits.unlimited());
            Run on = run(new UsageLimits(new UsageLimitSettings(OptionalLong.of(20), OptionalLong.of(200_000)),
                    new InMemoryUsageCounters(Clock.systemUTC()), Clock.systemUTC(), System.err::println));
            System.out.printf(Locale.ROOT, "BENCH round %d, %d users x %d messages at once: without limits p50 %d us,"
                            + " p99 %d us, %.0f msg/s | with limits p50 %d us, p99 %d us, %.0f msg/s, %d throttled%n",
                    round + 1, USERS, MESSAGES_EACH, off.p50, off.p99, off.perSecond, on.p50, on.p99, on.perSecond,
                    on.throttled);
        }
        System.out.printf(Locale.ROOT, "BENCH the check alone (admit + charge, in-memory counters, %d users on %d threads):"
                + " %s%n", USERS, USERS, checkAlone());
    }

    private static String checkAlone() throws InterruptedException {
        UsageLimits limits = new UsageLimits(new UsageLimitSettings(OptionalLong.of(1_000_000), OptionalLong.of(Long.MAX_VALUE)),
                new InMemoryUsageCounters(Clock.systemUTC()), Clock.systemUTC(), System.err::println);
        int calls = 200;
        long[] nanos = new long[USERS * calls];
        AtomicInteger next = new AtomicInteger();
        ExecutorService users = Executors.newFixedThreadPool(USERS);
        for (int user = 0; user < USERS; user++) {
            String id = "user-" + user;
            users.execute(() -> {
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    limits.admit(id);
                    limits.charge(id, 450);
                    nanos[next.getAndIncrement()] = System.nanoTime() - start;
                }
            });
        }
        users.shutdown();
        users.awaitTermination(5, TimeUnit.MINUTES);
        Arrays.sort(nanos);
        return String.format(Locale.ROOT, "p50 %.1f us, p99 %.1f us over %d checks", nanos[nanos.length / 2] / 1e3,
                nanos[nanos.length * 99 / 100] / 1e3, nanos.length);
    }

    private static Run run(UsageLimits limits) throws InterruptedException {
        RecordingClientChannel channel = new RecordingClientChannel();
        String[] answer = new String[20];
        Arrays.fill(answer, "token ");
        ChatEndpoint endpoint = new ChatEndpoint(new PipelineBuilder().answerModel(ScriptedChatModel.answering(answer))
                .clock(Clock.systemUTC()).usageLimits(limits).build(), channel, 4_000);
        long[] micros = new long[USERS * MESSAGES_EACH];
        AtomicInteger next = new AtomicInteger();
        ExecutorService users = Executors.newFixedThreadPool(USERS);
        long started = System.nanoTime();
        for (int user = 0; user < USERS; user++) {
            Identity identity = Identity.of("user-" + user);
            users.execute(() -> {
                for (int message = 0; message < MESSAGES_EACH; message++) {
                    String body = "{\"action\":\"sendMessage\",\"requestId\":\"r" + message + "\",\"message\":\"Hours?\"}";
                    long start = System.nanoTime();
                    endpoint.onMessage("c-" + identity.userId(), identity, body);
                    micros[next.getAndIncrement()] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
                }
            });
        }
        users.shutdown();
        users.awaitTermination(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(micros);
        long throttled = channel.frames().stream().filter(frame -> frame.contains("THROTTLED")).count();
        return new Run(micros[micros.length / 2], micros[micros.length * 99 / 100], micros.length / seconds, throttled);
    }

    private record Run(long p50, long p99, double perSecond, long throttled) {
    }
}
