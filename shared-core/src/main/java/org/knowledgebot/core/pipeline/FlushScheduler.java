package org.knowledgebot.core.pipeline;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: how the {@link TokenCoalescer} flushes held text that has waited long enough
 * when no further delta comes. A port so that tests advance time by hand instead of sleeping.
 */
@FunctionalInterface
public interface FlushScheduler {
    /** Runs {@code task} once, {@code delayMillis} from now, on a thread of the scheduler. */
    ScheduledFlush schedule(Runnable task, long delayMillis);

    /** A scheduled task; cancelling one that already ran or started does nothing. */
    @FunctionalInterface
    interface ScheduledFlush {
        void cancel();
    }

    /** Schedules on {@code executor}, which is shared by every answer and created once. */
    static FlushScheduler on(ScheduledExecutorService executor) {
        return (task, delayMillis) -> {
            ScheduledFuture<?> future = executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }

    /** Never runs anything: held text then waits for the next delta or the end of the answer. */
    static FlushScheduler none() {
        return (task, delayMillis) -> () -> {
        };
    }
}
