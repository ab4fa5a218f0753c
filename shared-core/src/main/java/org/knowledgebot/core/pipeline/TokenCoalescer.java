package org.knowledgebot.core.pipeline;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.knowledgebot.core.port.Cancellation;

/**
 * Turns many small model deltas into few client frames, clocked by the client: the first text goes out at once;
 * while a frame is being posted, text accumulates; when the post returns, what has accumulated goes in the next
 * frame. One post is in flight at a time, on the {@link FlushScheduler}'s sending thread (the first one may be
 * on the stream's, {@link FlushScheduler#sendFirst}), so a fast post costs the answer no delay and a slow one
 * costs no extra frames. Between posts, text is held until the buffer holds
 * {@code minChars} characters or the last frame went out {@code maxMillis} ago; when the model pauses, the
 * scheduler's timer sends it then. {@link #finish()} waits for the post in flight and sends the rest;
 * {@link #discard()} waits for it and drops the rest. A frame never ends between the two halves of a surrogate
 * pair, so an emoji split across deltas is never split across frames.
 *
 * <p>Thread-safe: the stream thread adds text, the sending thread posts and the timer starts sends; only the
 * sending thread (or {@link #finish()} once it is idle) calls {@code out}, one frame at a time, so frames never
 * interleave or reorder. When a post fails (the client went away), the failure is kept: the model stream is
 * cancelled at once and every later call rethrows the failure on the stream thread, as if that thread had hit it.
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
    /** Counts frames taken from the buffer, so that a timed flush scheduled before one of them knows it is stale. */
    private long flushes;
    private FlushScheduler.ScheduledFlush pendingFlush;
    /** A frame is being posted: text waits for it to return. */
    private boolean sending;
    private boolean finished;
    private RuntimeException sendFailure;

    /**
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     * @param scheduler runs the send loop and the timed flush of held text when no delta comes
     * @param stream the model stream this coalescer is fed by; cancelled when a post fails
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

    public void accept(String delta) {
        String frame;
        boolean first;
        synchronized (this) {
            throwIfSendFailed();
            if (delta == null || delta.isEmpty()) {
                return;
            }
            buffer.append(delta);
            first = !anyFlushed;
            frame = sending ? null : takeIfDue();
            if (frame == null) {
                scheduleFlushOfHeldText();
                return;
            }
        }
        if (first) {
            scheduler.sendFirst(() -> sendFrom(frame));
        } else {
            scheduler.send(() -> sendFrom(frame));
        }
        // A scheduler that sends on this thread has already posted; report its failure at once.
        throwIfSendFailed();
    }

    /** Waits for the post in flight, then sends whatever is held, including a lone trailing surrogate. */
    public synchronized void finish() {
        finished = true;
        cancelPendingFlush();
        awaitNoPostInFlight();
        throwIfSendFailed();
        String rest = take(true);
        if (rest != null) {
            try {
                out.accept(rest);
            } finally {
                sending = false;
            }
        }
    }

    /** Sends nothing more: drops held text, cancels a pending timed flush and waits for the post in flight. */
    public synchronized void discard() {
        finished = true;
        buffer.setLength(0);
        cancelPendingFlush();
        awaitNoPostInFlight();
    }

    /** True once any text was handed to a post. */
    public synchronized boolean anyFlushed() {
        return anyFlushed;
    }

    /** Rethrows, on the calling thread, the failure of a post that ran on the sending thread. */
    public synchronized void throwIfSendFailed() {
        if (sendFailure != null) {
            throw sendFailure;
        }
    }

    /** The send loop: posts {@code first}, then, while text is due when a post returns, the next frame. */
    private void sendFrom(String first) {
        String frame = first;
        while (frame != null) {
            try {
                out.accept(frame);
            } catch (RuntimeException e) {
                synchronized (this) {
                    sendFailure = e;
                    sending = false;
                    cancelPendingFlush();
                    notifyAll();
                }
                // Outside the lock: a model's cancel callback must never wait for a delta that waits for this lock.
                stream.cancel();
                return;
            }
            synchronized (this) {
                sending = false;
                frame = finished ? null : takeIfDue();
                if (frame == null) {
                    scheduleFlushOfHeldText();
                    notifyAll();
                }
            }
        }
    }

    /** The timer's task: sends text held since {@code flushesWhenScheduled}, unless a frame went out first. */
    private void flushHeldText(long flushesWhenScheduled) {
        String frame;
        synchronized (this) {
            if (finished || sending || sendFailure != null || flushes != flushesWhenScheduled) {
                return;
            }
            pendingFlush = null;
            frame = take(false);
        }
        if (frame != null) {
            scheduler.send(() -> sendFrom(frame));
        }
    }

    /** The next frame if the held text should go now: the first text, enough of it, or the last frame is old. */
    private String takeIfDue() {
        boolean due = !anyFlushed || buffer.length() >= minChars || nanoTime.getAsLong() - lastFlushNanos >= maxNanos;
        return due ? take(false) : null;
    }

    /** Takes the held text (all of it, or up to a trailing high surrogate) for a post; null when nothing to send. */
    private String take(boolean everything) {
        int end = buffer.length();
        if (!everything && end > 0 && Character.isHighSurrogate(buffer.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        String text = buffer.substring(0, end);
        buffer.delete(0, end);
        anyFlushed = true;
        lastFlushNanos = nanoTime.getAsLong();
        flushes++;
        sending = true;
        cancelPendingFlush();
        return text;
    }

    /** Held text with no post to carry it goes out when the last frame is {@code maxMillis} old. */
    private void scheduleFlushOfHeldText() {
        if (finished || sending || !anyFlushed || buffer.length() == 0 || pendingFlush != null) {
            return;
        }
        long flushesNow = flushes;
        long waitedNanos = nanoTime.getAsLong() - lastFlushNanos;
        long delayMillis = Math.max(0, maxMillis - TimeUnit.NANOSECONDS.toMillis(waitedNanos));
        pendingFlush = scheduler.schedule(() -> flushHeldText(flushesNow), delayMillis);
    }

    private void awaitNoPostInFlight() {
        boolean interrupted = false;
        while (sending) {
            try {
                wait();
            } catch (InterruptedException e) {
                // A post always returns (or fails) within its client's timeout; finish waiting, then pass it on.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void cancelPendingFlush() {
        if (pendingFlush != null) {
            pendingFlush.cancel();
            pendingFlush = null;
        }
    }
}
