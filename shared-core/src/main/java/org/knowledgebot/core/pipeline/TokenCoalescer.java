package org.knowledgebot.core.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns many small model deltas into fewer client frames. The first text goes out at once (time to first token
 * is what a user feels); after that text is buffered and flushed when the buffer holds at least
 * {@code minChars} characters or {@code maxMillis} have passed since the last flush, checked as deltas arrive;
 * {@link #finish()} flushes the rest. A flush never ends between the two halves of a surrogate pair, so an
 * emoji split across deltas is never split across frames. Not thread-safe: one answer, one thread.
 */
public final class TokenCoalescer {
    private final int minChars;
    private final long maxNanos;
    private final LongSupplier nanoTime;
    private final Consumer<String> out;
    private final StringBuilder buffer = new StringBuilder();
    private boolean anyFlushed;
    private long lastFlushNanos;

    /** @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests) */
    public TokenCoalescer(int minChars, long maxMillis, LongSupplier nanoTime, Consumer<String> out) {
        this.minChars = Math.max(1, minChars);
        this.maxNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, maxMillis));
        this.nanoTime = nanoTime;
        this.out = out;
    }

    public void accept(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        buffer.append(delta);
        if (!anyFlushed || buffer.length() >= minChars || nanoTime.getAsLong() - lastFlushNanos >= maxNanos) {
            flush(false);
        }
    }

    /** Sends whatever is buffered, including a lone trailing surrogate the model never completed. */
    public void finish() {
        flush(true);
    }

    /** True once any text went out. */
    public boolean anyFlushed() {
        return anyFlushed;
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
        out.accept(text);
    }
}
