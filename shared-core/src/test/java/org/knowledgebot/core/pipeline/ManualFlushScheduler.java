package org.knowledgebot.core.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link FlushScheduler} on a hand-driven monotonic clock: {@link #advanceMillis(long)} moves the clock and runs
 * every task that falls due, in due order, on the calling thread with the clock set to the task's due time. The
 * same clock is the {@code nanoTime} of the code under test, so nothing sleeps and nothing depends on real time.
 * Sends run on the calling thread; a channel that advances the clock while it posts (re-entrantly, as a slow post
 * would) lets the deltas and timers due meanwhile run during the post.
 */
public final class ManualFlushScheduler implements FlushScheduler {
    private final AtomicLong nanos;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    /** @param nanos the clock, in nanoseconds, that the code under test reads */
    public ManualFlushScheduler(AtomicLong nanos) {
        this.nanos = nanos;
    }

    private final class Task implements ScheduledFlush {
        final long dueNanos;
        final long order = sequence++;
        final Runnable runnable;

        Task(long dueNanos, Runnable runnable) {
            this.dueNanos = dueNanos;
            this.runnable = runnable;
        }

        @Override
        public void cancel() {
            tasks.remove(this);
        }
    }

    @Override
    public ScheduledFlush schedule(Runnable task, long delayMillis) {
        Task scheduled = new Task(nanos.get() + TimeUnit.MILLISECONDS.toNanos(delayMillis), task);
        tasks.add(scheduled);
        return scheduled;
    }

    @Override
    public void send(Runnable sendLoop) {
        sendLoop.run();
    }

    /** Moves the clock forward, running what falls due on the way. */
    public void advanceMillis(long millis) {
        long target = nanos.get() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            Task next = tasks.stream().filter(task -> task.dueNanos <= target)
                    .min(Comparator.<Task>comparingLong(task -> task.dueNanos).thenComparingLong(task -> task.order))
                    .orElse(null);
            if (next == null) {
                break;
            }
            tasks.remove(next);
            nanos.set(Math.max(nanos.get(), next.dueNanos));
            next.runnable.run();
        }
        // A task may itself have advanced the clock past the target (a slow post): time never goes back.
        nanos.set(Math.max(nanos.get(), target));
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pending() {
        return tasks.size();
    }
}
