package org.knowledgebot.core.pipeline;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the {@link TokenCoalescer} sends from: {@link #send} runs a send loop at once on a thread that may block
 * on a post, so the model stream never waits for the client; {@link #schedule} flushes held text that has waited
 * long enough when no further delta comes. A port so that tests run sends inline and advance time by hand.
 */
public interface FlushScheduler {
    /** Runs {@code task} once, {@code delayMillis} from now, on a thread of the scheduler. */
    ScheduledFlush schedule(Runnable task, long delayMillis);

    /** Runs {@code sendLoop} now; it posts frames, so it must not run on a thread that delivers model deltas. */
    void send(Runnable sendLoop);

    /** Runs the send loop of an answer's first frame; like {@link #send} unless {@link #firstFrameOnCaller()}. */
    default void sendFirst(Runnable sendLoop) {
        send(sendLoop);
    }

    /**
     * This scheduler, except that an answer's first frame is posted on the thread that delivered its text, which
     * waits for that one post: one thread hand-off fewer before the text a user waits for most. Only for models
     * that deliver deltas on the thread that asked for the answer ({@link org.knowledgebot.core.port.ChatModel}).
     */
    default FlushScheduler firstFrameOnCaller() {
        FlushScheduler others = this;
        return new FlushScheduler() {
            @Override
            public ScheduledFlush schedule(Runnable task, long delayMillis) {
                return others.schedule(task, delayMillis);
            }

            @Override
            public void send(Runnable sendLoop) {
                others.send(sendLoop);
            }

            @Override
            public void sendFirst(Runnable sendLoop) {
                sendLoop.run();
            }
        };
    }

    /** A scheduled task; cancelling one that already ran or started does nothing. */
    @FunctionalInterface
    interface ScheduledFlush {
        void cancel();
    }

    /**
     * Times flushes on {@code timer} and sends on {@code senders}; both are shared by every answer and created
     * once. {@code senders} should have a thread per answer streaming at once, so one slow client never delays
     * another's frames.
     */
    static FlushScheduler on(ScheduledExecutorService timer, Executor senders) {
        return new FlushScheduler() {
            @Override
            public ScheduledFlush schedule(Runnable task, long delayMillis) {
                ScheduledFuture<?> future = timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public void send(Runnable sendLoop) {
                senders.execute(sendLoop);
            }
        };
    }

    /**
     * Sends on the caller's thread and never times a flush: held text then waits for the next delta or the end of
     * the answer, and the stream waits for every post.
     */
    static FlushScheduler none() {
        return new FlushScheduler() {
            @Override
            public ScheduledFlush schedule(Runnable task, long delayMillis) {
                return () -> {
                };
            }

            @Override
            public void send(Runnable sendLoop) {
                sendLoop.run();
            }
        };
    }
}
