package org.knowledgebot.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ClientGoneException;

class TokenCoalescerTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ManualFlushScheduler scheduler = new ManualFlushScheduler(nanos);
    private final Cancellation stream = new Cancellation();
    private final List<String> frames = new ArrayList<>();

    private TokenCoalescer coalescer(int minChars, long maxMillis) {
        return new TokenCoalescer(minChars, maxMillis, nanos::get, scheduler, stream, frames::add);
    }

    @Test
    void theFirstTokenGoesOutAtOnceThenTextIsHeldUntilTheSizeIsReached() {
        // given
        TokenCoalescer coalescer = coalescer(10, 100);

        // when
        coalescer.accept("Hi");
        coalescer.accept(" there");
        coalescer.accept(", how");

        // then
        assertThat(frames).containsExactly("Hi", " there, how");
    }

    @Test
    void heldTextIsFlushedWhenADeltaArrivesAfterTheTimeLimitAndAtTheEnd() {
        // given
        TokenCoalescer coalescer = coalescer(1_000, 100);

        // when
        coalescer.accept("A");
        nanos.addAndGet(50_000_000);
        coalescer.accept("b");
        nanos.addAndGet(50_000_000);
        coalescer.accept("c");
        coalescer.accept("d");
        coalescer.finish();

        // then
        assertThat(frames).containsExactly("A", "bc", "d");
    }

    @Test
    void textHeldWhenTheModelPausesIsFlushedByTheTimerOnceItIsMaxMillisOld() {
        // given a first token sent and a second one held
        TokenCoalescer coalescer = coalescer(1_000, 100);
        coalescer.accept("The answer");
        coalescer.accept(" is");

        // when the model pauses for five seconds and sends nothing
        scheduler.advanceMillis(99);
        List<String> before = List.copyOf(frames);
        scheduler.advanceMillis(4_901);

        // then the held text went out after 100 ms, without waiting for another delta
        assertThat(before).containsExactly("The answer");
        assertThat(frames).containsExactly("The answer", " is");
        assertThat(stream.isCancelled()).isFalse();
    }

    @Test
    void theTimerCountsFromWhenTheTextWasHeldNotFromAnEarlierTimer() {
        // given text held at 0 ms, then flushed by size at 60 ms, then new text held at 60 ms
        TokenCoalescer coalescer = coalescer(5, 100);
        coalescer.accept("A");
        coalescer.accept("b");
        scheduler.advanceMillis(60);
        coalescer.accept("cdef");
        coalescer.accept("g");

        // when the first text's deadline passes, then the second's
        scheduler.advanceMillis(40);
        List<String> atTheFirstDeadline = List.copyOf(frames);
        scheduler.advanceMillis(60);

        // then
        assertThat(atTheFirstDeadline).containsExactly("A", "bcdef");
        assertThat(frames).containsExactly("A", "bcdef", "g");
    }

    @Test
    void finishAfterAPendingTimerSendsEachPieceExactlyOnceAndInOrder() {
        // given a timed flush is pending for held text
        TokenCoalescer coalescer = coalescer(1_000, 100);
        coalescer.accept("One");
        coalescer.accept(" two");
        coalescer.accept(" three");

        // when the answer ends before the timer is due, and the time passes afterwards
        coalescer.finish();
        scheduler.advanceMillis(1_000);

        // then
        assertThat(frames).containsExactly("One", " two three");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aTimedFlushThatFindsTheClientGoneCancelsTheStreamAndTheStreamThreadGetsTheFailure() {
        // given a client that leaves after the first frame, and held text
        List<String> sent = new ArrayList<>();
        TokenCoalescer coalescer = new TokenCoalescer(1_000, 100, nanos::get, scheduler, stream, text -> {
            if (!sent.isEmpty()) {
                throw new ClientGoneException("c1");
            }
            sent.add(text);
        });
        coalescer.accept("Hello");
        coalescer.accept(" wor");

        // when the model pauses long enough for the timer to flush
        scheduler.advanceMillis(100);

        // then the stream is stopped and the stream thread sees the client gone on its next call
        assertThat(stream.isCancelled()).isTrue();
        assertThatThrownBy(() -> coalescer.accept("ld")).isInstanceOf(ClientGoneException.class);
        assertThatThrownBy(coalescer::finish).isInstanceOf(ClientGoneException.class);
        assertThat(sent).containsExactly("Hello");
    }

    @Test
    void aTimedFlushKeepsAHighSurrogateForItsPartner() {
        // given
        TokenCoalescer coalescer = coalescer(1_000, 100);
        String rocket = "🚀";
        coalescer.accept("Go");
        coalescer.accept(" " + rocket.charAt(0));

        // when the timer flushes, then the partner arrives and the answer ends
        scheduler.advanceMillis(100);
        coalescer.accept(rocket.charAt(1) + "!");
        coalescer.finish();

        // then
        assertThat(frames).containsExactly("Go", " ", rocket + "!");
    }

    @Test
    void discardCancelsThePendingFlushAndSendsNothingMore() {
        // given
        TokenCoalescer coalescer = coalescer(1_000, 100);
        coalescer.accept("Hello");
        coalescer.accept(" wor");

        // when
        coalescer.discard();
        scheduler.advanceMillis(1_000);

        // then
        assertThat(frames).containsExactly("Hello");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aHighSurrogateWaitsForItsPartner() {
        // given
        TokenCoalescer coalescer = coalescer(1, 100);
        String rocket = "🚀";

        // when
        coalescer.accept("Go " + rocket.charAt(0));
        coalescer.accept(rocket.charAt(1) + "!");
        coalescer.finish();

        // then
        assertThat(frames).containsExactly("Go ", rocket + "!");
    }

    @Test
    void emptyDeltasSendNothingAndFinishWithoutTextSendsNothing() {
        // given
        TokenCoalescer coalescer = coalescer(1, 100);

        // when
        coalescer.accept("");
        coalescer.accept(null);
        coalescer.finish();

        // then
        assertThat(frames).isEmpty();
        assertThat(coalescer.anyFlushed()).isFalse();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void timedFlushesOnARealSchedulerThreadNeverLoseReorderOrInterleaveText() throws Exception {
        // given a real scheduler thread that flushes whatever has been held for a millisecond, and a clock that
        // stands still so that only that thread flushes while the stream thread adds text
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        List<String> sent = new ArrayList<>();
        TokenCoalescer coalescer = new TokenCoalescer(Integer.MAX_VALUE, 1, () -> 0L, FlushScheduler.on(executor),
                stream, sent::add);
        StringBuilder expected = new StringBuilder();

        // when the stream thread keeps adding text meanwhile
        try {
            for (int i = 0; i < 200_000; i++) {
                String delta = i + ",";
                expected.append(delta);
                coalescer.accept(delta);
            }
            coalescer.finish();
        } finally {
            executor.shutdownNow();
        }

        // then the frames put together are the answer, exactly once and in order
        assertThat(String.join("", sent)).isEqualTo(expected.toString());
        assertThat(stream.isCancelled()).isFalse();
    }
}
