package org.knowledgebot.core.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.knowledgebot.core.port.Cancellation;

/**
 * Turns many small model deltas into fewer client frames. The first text goes out at once (time to first token
 * is what a user feels); after that text is held and flushed when the buffer holds at least {@code minChars}
 * characters, when a delta arrives {@code maxMillis} or more after the last flush, or — when the model pauses —
 * by the {@link FlushScheduler} once the held text is {@code maxMillis} old. {@link #finish()} flushes the rest
 * and cancels a pending timed flush; {@link #discard()} drops the rest and cancels it. A flush never ends between
 * the two halves of a surrogate pair, so an emoji split across deltas is never split across frames.
 *
 * <p>Thread-safe: the stream thread and the scheduler's thread both flush, so every method holds this object's
 * lock while it sends, and frames never interleave or reorder. When a timed flush fails (the client went away),
 * the failure is kept: the model stream is cancelled at once and every later call rethrows the failure on the
 * stream thread, exactly as if that thread had hit it.
 */
public final class TokenCoalescer {
    private final int minChars;
    private final long maxMillis;
    private final long maxNanos;
    private final LongSupplier nanoTime;
    private final FlushScheduler scheduler;
    private final Cancellation stream;
    private final Consumer<String> out;
    private final StringBuilder buffer = new StringBuilder();
    private boolean anyFlushed;
    private long lastFlushNanos;
    /** Counts flushes that sent text, so that a timed flush scheduled before one of them knows it is stale. */
    private long flushes;
    private FlushScheduler.ScheduledFlush pendingFlush;
    private boolean finished;
    private RuntimeException timedFlushFailure;

    /**
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     * @param scheduler runs the timed flush of held text when no delta comes
     * @param stream the model stream this coalescer is fed by; cancelled when a timed flush fails
     * @param out sends one frame; may throw {@link org.knowledgebot.core.port.ClientGoneException}
     */
    public TokenCoalescer(int minChars, long maxMillis, LongSupplier nanoTime, FlushScheduler scheduler,
                          Cancellation stream, Consumer<String> out) {
        this.minChars = Math.max(1, minChars);
        this.maxMillis = Math.max(0, maxMillis);
        this.maxNanos = TimeUnit.MILLISECONDS.toNanos(this.maxMillis);
        this.nanoTime = nanoTime;
        this.scheduler = scheduler;
        this.stream = stream;
        this.out = out;
    }

    public synchronized void accept(String delta) {
        throwIfTimedFlushFailed();
        if (delta == null || delta.isEmpty()) {
            return;
        }
        buffer.append(delta);
        if (!anyFlushed || buffer.length() >= minChars || nanoTime.getAsLong() - lastFlushNanos >= maxNanos) {
            flush(false);
        }
        if (anyFlushed && buffer.length() > 0 && pendingFlush == null) {
            long flushesNow = flushes;
            pendingFlush = scheduler.schedule(() -> flushHeldText(flushesNow), maxMillis);
        }
    }

    /** Sends whatever is held, including a lone trailing surrogate the model never completed. */
    public synchronized void finish() {
        finished = true;
        cancelPendingFlush();
        throwIfTimedFlushFailed();
        flush(true);
    }

    /** Sends nothing more: drops held text and cancels a pending timed flush (the answer ended otherwise). */
    public synchronized void discard() {
        finished = true;
        buffer.setLength(0);
        cancelPendingFlush();
    }

    /** True once any text went out. */
    public synchronized boolean anyFlushed() {
        return anyFlushed;
    }

    /** Rethrows, on the calling thread, the failure of a flush that ran on the scheduler's thread. */
    public synchronized void throwIfTimedFlushFailed() {
        if (timedFlushFailure != null) {
            throw timedFlushFailure;
        }
    }

    /** The scheduled task: flushes text held since {@code flushesWhenScheduled}, unless a flush came first. */
    private void flushHeldText(long flushesWhenScheduled) {
        synchronized (this) {
            if (finished || timedFlushFailure != null || flushes != flushesWhenScheduled) {
                return;
            }
            pendingFlush = null;
            try {
                flush(false);
                return;
            } catch (RuntimeException e) {
                timedFlushFailure = e;
            }
        }
        // Outside the lock: a model's cancel callback must never wait for a delta that waits for this lock.
        stream.cancel();
    }

    private void flush(boolean everything) {
        int end = buffer.length();
        if (!everything && end > 0 && Character.isHighSurrogate(buffer.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return;
        }
        String text = buffer.substring(0, end);
        buffer.delete(0, end);
        anyFlushed = true;
        lastFlushNanos = nanoTime.getAsLong();
        flushes++;
        cancelPendingFlush();
        out.accept(text);
    }

    private void cancelPendingFlush() {
        if (pendingFlush != null) {
            pendingFlush.cancel();
            pendingFlush = null;
        }
    }
}
