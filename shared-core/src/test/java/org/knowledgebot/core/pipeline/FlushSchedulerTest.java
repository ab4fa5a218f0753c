package org.knowledgebot.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FlushSchedulerTest {
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void aScheduledFlushRunsOnTheExecutorsThread() throws Exception {
        // given
        CountDownLatch ran = new CountDownLatch(1);
        String[] thread = new String[1];

        // when
        FlushScheduler.on(executor, executor).schedule(() -> {
            thread[0] = Thread.currentThread().getName();
            ran.countDown();
        }, 0);

        // then
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(thread[0]).isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aCancelledFlushNeverRuns() {
        // given a flush due in an hour
        executor.setRemoveOnCancelPolicy(true);
        FlushScheduler.ScheduledFlush flush = FlushScheduler.on(executor, executor).schedule(() -> {
            throw new AssertionError("a cancelled flush ran");
        }, TimeUnit.HOURS.toMillis(1));
        assertThat(executor.getQueue()).hasSize(1);

        // when
        flush.cancel();

        // then it is no longer queued
        assertThat(executor.getQueue()).isEmpty();
    }

    @Test
    void aSendRunsOnTheSendersThreadNotTheCallers() throws Exception {
        // given
        ExecutorService senders = Executors.newSingleThreadExecutor(task -> new Thread(task, "sender"));
        CountDownLatch ran = new CountDownLatch(1);
        String[] thread = new String[1];

        // when
        try {
            FlushScheduler.on(executor, senders).send(() -> {
                thread[0] = Thread.currentThread().getName();
                ran.countDown();
            });

            // then
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(thread[0]).isEqualTo("sender");
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void withoutASchedulerASendRunsOnTheCallersThreadAndNothingIsTimed() {
        // given
        String[] thread = new String[1];
        FlushScheduler none = FlushScheduler.none();

        // when
        none.send(() -> thread[0] = Thread.currentThread().getName());
        none.schedule(() -> {
            throw new AssertionError("a timed flush ran");
        }, 0);

        // then
        assertThat(thread[0]).isEqualTo(Thread.currentThread().getName());
    }
}
