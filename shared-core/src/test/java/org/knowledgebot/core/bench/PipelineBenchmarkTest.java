package org.knowledgebot.core.bench;

import static org.knowledgebot.core.testing.FixedRetriever.passage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionSummary;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.observability.AnswerMetrics;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.pipeline.ChatPipeline;
import org.knowledgebot.core.pipeline.ChatRequest;
import org.knowledgebot.core.pipeline.FlushScheduler;
import org.knowledgebot.core.pipeline.ManualFlushScheduler;
import org.knowledgebot.core.pipeline.TokenCoalescer;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.testing.PipelineBuilder;
import org.knowledgebot.core.testing.FixedPromptSource;
import org.knowledgebot.core.testing.FixedRetriever;
import org.knowledgebot.core.testing.ScriptedChatModel;
import org.knowledgebot.core.wire.ChatEndpoint;
import org.knowledgebot.core.wire.SeedProtocol;
import org.knowledgebot.core.wire.SeedResponseSink;

/**
 * Prints what the core costs and what coalescing buys; run with {@code ./chatbot bench} or
 * {@code mvn -Pbench -pl shared-core test}. It prints numbers and asserts nothing about timing.
 */
@Tag("bench")
class PipelineBenchmarkTest {
    private static final Identity USER = Identity.of("bench-user");
    private static final int DELTAS = 1_000;
    private static final String DELTA = "word";
    /** Bedrock streams Claude at roughly 50–70 chunks per second. */
    private static final long DELTA_INTERVAL_MILLIS = 15;
    /** A model that stops to think (or a throttled stream) mid-answer. */
    private static final long PAUSE_MILLIS = 5_000;
    private static ExecutorService executor;
    private static ScheduledThreadPoolExecutor flushExecutor;

    @BeforeAll
    static void startExecutors() {
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "bench-pipeline");
            thread.setDaemon(true);
            return thread;
        });
        flushExecutor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "bench-flush");
            thread.setDaemon(true);
            return thread;
        });
        flushExecutor.setRemoveOnCancelPolicy(true);
    }

    @AfterAll
    static void stopExecutors() {
        executor.shutdownNow();
        flushExecutor.shutdownNow();
    }

    @Test
    void pipelineOverheadPerMessageWithInstantFakes() {
        // given everything the pipeline talks to answers instantly
        String[] answer = new String[20];
        Arrays.fill(answer, "token ");
        ChatPipeline pipeline = new PipelineBuilder()
                .retriever(FixedRetriever.returning(passage(1, "Returns within 30 days.", Confidence.HIGH),
                        passage(2, "Refunds to the card.", Confidence.MEDIUM),
                        passage(3, "Opened in 1999.", Confidence.LOW)))
                .answerModel(ScriptedChatModel.answering(answer)).sessions(new DiscardingSessionStore())
                .promptSource(new FixedPromptSource("Answer from the knowledge.")).clock(Clock.systemUTC())
                .executor(executor).flushScheduler(FlushScheduler.on(flushExecutor, executor)).nanoTime(System::nanoTime)
                .build();
        ChatEndpoint endpoint = new ChatEndpoint(pipeline, new DiscardingChannel(), 4_000);
        String body = "{\"action\":\"sendMessage\",\"requestId\":\"r1\",\"message\":\"How do returns work?\"}";

        // when
        for (int i = 0; i < 20_000; i++) {
            endpoint.onMessage("c1", USER, body);
        }
        long[] micros = new long[20_000];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            endpoint.onMessage("c1", USER, body);
            micros[i] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
        }

        // then
        Arrays.sort(micros);
        System.out.printf(Locale.ROOT, "BENCH pipeline overhead per message (typed protocol, instant fakes, "
                        + "20 deltas, %d runs after 20000 warm-up): p50 %d us, p99 %d us%n", micros.length,
                micros[micros.length / 2], micros[micros.length * 99 / 100]);
    }

    @Test
    void framesAndAddedDelayForAThousandDeltaAnswer() {
        System.out.printf(Locale.ROOT, "BENCH 1000-delta answer (%d chars per delta, one every %d ms):%n",
                DELTA.length(), DELTA_INTERVAL_MILLIS);
        int[][] settings = {{1, 0}, {32, 50}, {64, 100}, {128, 200}, {256, 250}};
        for (int[] setting : settings) {
            Run run = streamThousandDeltas(setting[0], setting[1], -1, true);
            System.out.printf(Locale.ROOT, "BENCH   coalesce minChars=%-3d maxMillis=%-3d -> %4d text frames, "
                            + "held-back text waits mean %5.1f ms / max %3d ms, first token added %.1f us (p50 of 200)%n",
                    setting[0], setting[1], run.frames, run.meanWaitMillis, run.maxWaitMillis, run.firstTokenMicros);
        }
    }

    @Test
    void heldTextDuringAModelPause() {
        System.out.printf(Locale.ROOT, "BENCH 1000-delta answer with a %d ms pause after delta 500 "
                + "(coalesce minChars=%d maxMillis=%d):%n", PAUSE_MILLIS, ChatSettings.DEFAULT_COALESCE_MIN_CHARS,
                ChatSettings.DEFAULT_COALESCE_MAX_MILLIS);
        for (boolean timed : new boolean[] {false, true}) {
            Run run = streamThousandDeltas(ChatSettings.DEFAULT_COALESCE_MIN_CHARS,
                    ChatSettings.DEFAULT_COALESCE_MAX_MILLIS, DELTAS / 2, timed);
            String mode = timed ? "timed flush while the model pauses" : "flush only as deltas arrive";
            System.out.printf(Locale.ROOT, "BENCH   %-34s -> %4d text frames, held-back text waits mean %5.1f ms "
                    + "/ max %4d ms%n", mode, run.frames, run.meanWaitMillis, run.maxWaitMillis);
        }
    }

    @Test
    void selfClockedFramesByModelPacingAndPostLatency() {
        System.out.printf(Locale.ROOT, "BENCH self-clocked frames (\"%s\" per delta, one post in flight, "
                + "simulated clock; minChars=%d is the default):%n", DELTA, ChatSettings.DEFAULT_COALESCE_MIN_CHARS);
        System.out.printf(Locale.ROOT, "BENCH   %-26s | %6s | %12s | %12s | %6s | %12s | %9s%n", "coalesce", "deltas",
                "model pacing", "post latency", "frames", "longest hold", "mean hold");
        for (int minChars : new int[] {ChatSettings.DEFAULT_COALESCE_MIN_CHARS, 1}) {
            for (int deltas : new int[] {300, 1_000}) {
                for (long pacing : new long[] {0, 5, 20}) {
                    for (long latency : new long[] {1, 30}) {
                        Run run = selfClocked(minChars, deltas, pacing, latency);
                        System.out.printf(Locale.ROOT, "BENCH   minChars=%-3d maxMillis=%-3d | %6d | %9d ms | %9d ms "
                                        + "| %6d | %9d ms | %6.1f ms%n", minChars,
                                ChatSettings.DEFAULT_COALESCE_MAX_MILLIS, deltas, pacing, latency, run.frames,
                                run.maxWaitMillis, run.meanWaitMillis);
                    }
                }
            }
        }
    }

    /**
     * One answer through the coalescer on a simulated clock: delta {@code i} arrives at {@code i * pacingMillis}
     * (all at once for 0), and each post advances the clock by {@code latencyMillis} while it is in flight, so the
     * deltas and timers that fall due meanwhile run during the post, as they would on the stream and timer threads.
     * The hold of a delta is the time from its arrival to the start of the post that carries its last character.
     */
    private Run selfClocked(int minChars, int deltas, long pacingMillis, long latencyMillis) {
        AtomicLong simulatedNanos = new AtomicLong();
        ManualFlushScheduler scheduler = new ManualFlushScheduler(simulatedNanos);
        List<long[]> textFrames = new ArrayList<>();
        int[] charsSent = new int[1];
        TokenCoalescer coalescer = new TokenCoalescer(minChars, ChatSettings.DEFAULT_COALESCE_MAX_MILLIS,
                simulatedNanos::get, scheduler, new Cancellation(), text -> {
                    charsSent[0] += text.length();
                    textFrames.add(new long[] {charsSent[0], simulatedNanos.get()});
                    scheduler.advanceMillis(latencyMillis);
                });
        long[] arrivalNanos = new long[deltas];
        for (int i = 0; i < deltas; i++) {
            int index = i;
            scheduler.schedule(() -> {
                arrivalNanos[index] = simulatedNanos.get();
                coalescer.accept(DELTA);
            }, i * pacingMillis);
        }
        scheduler.advanceMillis(deltas * pacingMillis);
        coalescer.finish();
        return holds(deltas, arrivalNanos, textFrames, 0);
    }

    /** Frames and how long each delta waited for the frame that carried its last character out. */
    private static Run holds(int deltas, long[] arrivalNanos, List<long[]> textFrames, double firstTokenMicros) {
        long totalWait = 0;
        long maxWait = 0;
        int frame = 0;
        for (int i = 0; i < deltas; i++) {
            long endOffset = (long) (i + 1) * DELTA.length();
            while (textFrames.get(frame)[0] < endOffset) {
                frame++;
            }
            long wait = textFrames.get(frame)[1] - arrivalNanos[i];
            totalWait += wait;
            maxWait = Math.max(maxWait, wait);
        }
        return new Run(textFrames.size(), TimeUnit.NANOSECONDS.toMicros(totalWait / deltas) / 1000.0,
                TimeUnit.NANOSECONDS.toMillis(maxWait), firstTokenMicros);
    }

    private Run streamThousandDeltas(int minChars, int maxMillis, int pauseAfterDelta, boolean timed) {
        long[] firstTokenNanos = new long[200];
        Run last = null;
        for (int i = 0; i < firstTokenNanos.length; i++) {
            last = streamOnce(minChars, maxMillis, pauseAfterDelta, timed);
            firstTokenNanos[i] = (long) (last.firstTokenMicros * 1000);
        }
        Arrays.sort(firstTokenNanos);
        return new Run(last.frames, last.meanWaitMillis, last.maxWaitMillis,
                firstTokenNanos[firstTokenNanos.length / 2] / 1000.0);
    }

    /**
     * One answer on a simulated clock: the model advances it between deltas (and for {@link #PAUSE_MILLIS} after
     * delta {@code pauseAfterDelta}, when not negative), running the timed flushes that fall due; nothing really
     * sleeps. Without {@code timed}, held text waits for the next delta as it did before timed flushes.
     */
    private Run streamOnce(int minChars, int maxMillis, int pauseAfterDelta, boolean timed) {
        AtomicLong simulatedNanos = new AtomicLong();
        ManualFlushScheduler scheduler = new ManualFlushScheduler(simulatedNanos);
        long[] arrivalNanos = new long[DELTAS];
        long[] firstDeltaRealNanos = new long[1];
        ChatModel pacedModel = (request, listener, cancellation) -> {
            for (int i = 0; i < DELTAS; i++) {
                scheduler.advanceMillis(DELTA_INTERVAL_MILLIS + (i == pauseAfterDelta ? PAUSE_MILLIS : 0));
                arrivalNanos[i] = simulatedNanos.get();
                if (i == 0) {
                    firstDeltaRealNanos[0] = System.nanoTime();
                }
                listener.onDelta(DELTA);
            }
            return new Completion("end_turn", new Usage(100, DELTAS));
        };
        List<long[]> textFrames = new ArrayList<>();
        long[] firstFrameRealNanos = new long[1];
        ClientChannel channel = new ClientChannel() {
            private int charsSent;

            @Override
            public void send(String connectionId, String frame) {
                if (frame.equals(SeedProtocol.EOF_MARKER) || frame.startsWith("[")) {
                    return;
                }
                if (textFrames.isEmpty()) {
                    firstFrameRealNanos[0] = System.nanoTime();
                }
                charsSent += frame.length();
                textFrames.add(new long[] {charsSent, simulatedNanos.get()});
            }

            @Override
            public void disconnect(String connectionId) {
            }
        };
        ChatPipeline pipeline = new PipelineBuilder().answerModel(pacedModel).sessions(new DiscardingSessionStore())
                .settings(ChatSettings.defaults().withCoalescing(minChars, maxMillis)).clock(Clock.systemUTC())
                .flushScheduler(timed ? scheduler : FlushScheduler.none()).nanoTime(simulatedNanos::get).build();
        pipeline.answer(new ChatRequest(USER, null, null, "q", null, null), new SeedResponseSink(channel, "c"));

        return holds(DELTAS, arrivalNanos, textFrames, (firstFrameRealNanos[0] - firstDeltaRealNanos[0]) / 1000.0);
    }

    private record Run(int frames, double meanWaitMillis, long maxWaitMillis, double firstTokenMicros) {
    }

    private static final class DiscardingChannel implements ClientChannel {
        @Override
        public void send(String connectionId, String frame) {
        }

        @Override
        public void disconnect(String connectionId) {
        }
    }

    /** Keeps nothing, so a long benchmark measures the pipeline, not a growing map. */
    private static final class DiscardingSessionStore implements SessionStore {
        @Override
        public Optional<Session> find(String userId, String sessionId) {
            return Optional.empty();
        }

        @Override
        public Optional<Session> findRecent(String userId, String sessionId, int maxTurns) {
            return Optional.empty();
        }

        @Override
        public Session create(String userId, String sessionId, String title) {
            return new Session(userId, sessionId, title, null, null, List.of());
        }

        @Override
        public void append(String userId, String sessionId, Turn turn, String titleIfNew) {
        }

        @Override
        public List<SessionSummary> listRecent(String userId, int limit) {
            return List.of();
        }

        @Override
        public boolean rename(String userId, String sessionId, String title) {
            return false;
        }

        @Override
        public boolean delete(String userId, String sessionId) {
            return false;
        }

        @Override
        public int deleteAll(String userId) {
            return 0;
        }
    }
}
