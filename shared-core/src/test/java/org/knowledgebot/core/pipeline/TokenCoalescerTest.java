package org.knowledgebot.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ClientGoneException;

class TokenCoalescerTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ManualFlushScheduler scheduler = new ManualFlushScheduler(nanos);
    private final Cancellation stream = new Cancellation();
    private final List<String> frames = new ArrayList<>();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

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
        TokenCoalescer coalescer = new TokenCoalescer(Integer.MAX_VALUE, 1, () -> 0L,
                FlushScheduler.on(executor, executor), stream, sent::add);
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
    @Test
    void textThatArrivesWhileAPostIsInFlightGoesOutInOneFrameWhenThePostReturns() {
        // given a post that takes 30 ms, during which four more deltas arrive
        AtomicReference<TokenCoalescer> coalescer = new AtomicReference<>();
        List<String> arriving = new ArrayList<>(List.of(" answer", " is", " in", " the"));
        coalescer.set(new TokenCoalescer(1, 100, nanos::get, scheduler, stream, text -> {
            frames.add(text);
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(30));
            arriving.forEach(delta -> coalescer.get().accept(delta));
            arriving.clear();
        }));

        // when
        coalescer.get().accept("The");
        coalescer.get().accept(" manual.");
        coalescer.get().finish();

        // then the first text went out at once and everything that came during its post in one frame after it
        assertThat(frames).containsExactly("The", " answer is in the", " manual.");
    }

    @Test
    void aPostThatTakesLongerThanMaxMillisSendsWhatAccumulatedAsSoonAsItReturns() {
        // given a post that takes 150 ms, and a size limit that the accumulated text does not reach
        AtomicReference<TokenCoalescer> coalescer = new AtomicReference<>();
        coalescer.set(new TokenCoalescer(1_000, 100, nanos::get, scheduler, stream, text -> {
            frames.add(text);
            if (frames.size() == 1) {
                scheduler.advanceMillis(150);
                coalescer.get().accept(" slow");
            }
        }));

        // when
        coalescer.get().accept("A");

        // then the held text did not wait for a timer or another delta
        assertThat(frames).containsExactly("A", " slow");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void onlyOnePostIsInFlightWhileTheStreamThreadKeepsAddingText() throws Exception {
        // given a sending thread whose first post waits until the stream thread has added all its text
        ExecutorService senders = Executors.newCachedThreadPool();
        CountDownLatch firstPostStarted = new CountDownLatch(1);
        CountDownLatch streamDone = new CountDownLatch(1);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        TokenCoalescer coalescer = new TokenCoalescer(1, 100, System::nanoTime,
                FlushScheduler.on(timer, senders), stream, text -> {
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    if (sent.isEmpty()) {
                        firstPostStarted.countDown();
                        await(streamDone);
                    }
                    sent.add(text);
                    inFlight.decrementAndGet();
                });

        // when 300 deltas arrive while the first post is in flight
        try {
            coalescer.accept("d0 ");
            assertThat(firstPostStarted.await(10, TimeUnit.SECONDS)).isTrue();
            StringBuilder rest = new StringBuilder();
            for (int i = 1; i < 300; i++) {
                coalescer.accept("d" + i + " ");
                rest.append("d").append(i).append(' ');
            }
            streamDone.countDown();
            coalescer.finish();

            // then the stream never waited for the post, and its text went out in one frame after it
            assertThat(sent).containsExactly("d0 ", rest.toString());
            assertThat(mostInFlight.get()).isEqualTo(1);
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void finishWaitsForThePostInFlightAndSendsTheRestAfterIt() throws Exception {
        // given a first post in flight on the sending thread and text held behind it
        ExecutorService senders = Executors.newCachedThreadPool();
        CountDownLatch releasePost = new CountDownLatch(1);
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        TokenCoalescer coalescer = new TokenCoalescer(1_000, 100, System::nanoTime,
                FlushScheduler.on(timer, senders), stream, text -> {
                    if (sent.isEmpty()) {
                        await(releasePost);
                    }
                    sent.add(text);
                });
        try {
            coalescer.accept("First");
            coalescer.accept(" last");

            // when the answer ends while the post is still in flight
            Thread finishing = new Thread(coalescer::finish);
            finishing.start();
            finishing.join(200);
            boolean finishedBeforeThePostReturned = !finishing.isAlive();
            releasePost.countDown();
            finishing.join(10_000);

            // then
            assertThat(finishedBeforeThePostReturned).isFalse();
            assertThat(sent).containsExactly("First", " last");
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void aPostThatFindsTheClientGoneOnTheSendingThreadCancelsTheStream() {
        // given a client that is gone by the second post, which carries text that arrived during the first
        AtomicReference<TokenCoalescer> coalescer = new AtomicReference<>();
        coalescer.set(new TokenCoalescer(1, 100, nanos::get, scheduler, stream, text -> {
            if (!frames.isEmpty()) {
                throw new ClientGoneException("c1");
            }
            frames.add(text);
            coalescer.get().accept(" there");
        }));

        // when / then
        assertThatThrownBy(() -> coalescer.get().accept("Hi")).isInstanceOf(ClientGoneException.class);
        assertThat(stream.isCancelled()).isTrue();
        assertThat(frames).containsExactly("Hi");
        assertThatThrownBy(coalescer.get()::finish).isInstanceOf(ClientGoneException.class);
    }

    @Test
    void withTheFirstFrameOnTheCallerTheFirstTextIsPostedBeforeAcceptReturnsAndLaterFramesOnTheSender()
            throws Exception {
        // given a scheduler whose sends run on a thread named "sender", except the first frame's
        ExecutorService senders = Executors.newSingleThreadExecutor(task -> new Thread(task, "sender"));
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        List<String> postingThreads = Collections.synchronizedList(new ArrayList<>());
        TokenCoalescer coalescer = new TokenCoalescer(4, 100, System::nanoTime,
                FlushScheduler.on(timer, senders).firstFrameOnCaller(), stream, text -> {
                    postingThreads.add(Thread.currentThread().getName());
                    sent.add(text);
                });
        try {
            // when
            coalescer.accept("The");
            List<String> sentWhenTheFirstAcceptReturned = List.copyOf(sent);
            coalescer.accept(" program offers");
            coalescer.finish();

            // then
            assertThat(sentWhenTheFirstAcceptReturned).containsExactly("The");
            assertThat(sent).containsExactly("The", " program offers");
            assertThat(postingThreads).containsExactly(Thread.currentThread().getName(), "sender");
        } finally {
            senders.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the test never released the post");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
