package org.knowledgebot.chat.aws;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.knowledgebot.core.port.Cancellation;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.awscore.eventstream.EventStreamResponseHandler;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkCancellationException;

/**
 * Hands a Bedrock event stream from the SDK's I/O threads to the thread that asked for the answer, which
 * blocks in {@link #drain}. Listeners post frames to API Gateway (blocking HTTP), which must never run on a
 * Netty event loop; and a cancellation or a failing listener stops the stream at once from the caller's side.
 *
 * <p>Until the first text has been handed on, events are asked for one at a time: the first frame is then posted
 * while the SDK decodes nothing else beside it (on two cores, decoding the rest of a burst of events delayed it
 * by 4-12 ms). After that, demand is unbounded: an answer is bounded by its max_tokens, so the queue stays small.
 */
final class EventStreamBridge<E> implements Subscriber<E> {
    private static final Object COMPLETED = new Object();
    private static final Object CANCELLED = new Object();
    /**
     * How long a failure that only echoes the SDK's own cancellation waits for the stream's real error: an
     * exception event makes the SDK cancel the HTTP stream, and that cancellation can reach the response
     * handler before the exception reaches the subscriber.
     */
    private static final long ECHO_WAIT_MILLIS = 2_000;

    private record Next(Object event) {
    }

    private record Failed(Throwable error) {
    }

    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private volatile boolean stopped;
    /** Set on the draining thread once the consumer has handed on text. */
    private boolean unbounded;

    @Override
    public void onSubscribe(Subscription s) {
        subscription.set(s);
        synchronized (subscription) {
            if (stopped) {
                s.cancel();
                return;
            }
            s.request(1);
        }
    }

    @Override
    public void onNext(E event) {
        signals.add(new Next(event));
    }

    @Override
    public void onError(Throwable error) {
        signals.add(new Failed(error));
    }

    @Override
    public void onComplete() {
        signals.add(COMPLETED);
    }

    /** Makes this bridge the event subscriber and error sink of a streaming call's response handler. */
    <B extends EventStreamResponseHandler.Builder<?, E, B>> B handling(B handler) {
        return handler.onEventStream(events -> events.subscribe(this)).onError(this::fail);
    }

    /**
     * Starts one streaming call whose handler came from {@link #handling}, lets {@code cancellation} stop it, and
     * feeds every event to {@code consumer} on the calling thread until the stream ends. The consumer answers
     * whether it handed text on; until it first does, the next event is only asked for once it has returned.
     *
     * @return true when the stream completed, false when it was cancelled (or the thread interrupted)
     * @throws org.knowledgebot.core.port.ModelException when the call or the stream failed
     * @throws RuntimeException whatever {@code consumer} threw, unchanged, after stopping the stream
     */
    boolean stream(Supplier<CompletableFuture<Void>> start, Cancellation cancellation, Predicate<E> consumer) {
        CompletableFuture<Void> call;
        try {
            call = start.get();
        } catch (SdkException e) {
            throw BedrockErrors.toModelException(e);
        }
        call.whenComplete((ignored, error) -> {
            if (error != null) {
                fail(error);
            }
        });
        cancellation.onCancel(this::cancel);
        return drain(consumer, call);
    }

    /** The call failed outside the event stream (e.g. HTTP 429 before the first event). */
    private void fail(Throwable error) {
        signals.add(new Failed(error));
    }

    /** Stops the stream as soon as the draining thread sees this, ahead of any events still queued behind it. */
    private void cancel() {
        stopped = true;
        signals.add(CANCELLED);
    }

    @SuppressWarnings("unchecked")
    private boolean drain(Predicate<E> consumer, CompletableFuture<?> call) {
        try {
            Failed echo = null;
            while (true) {
                Object signal = echo == null ? signals.take() : signals.poll(ECHO_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                if (signal == null) {
                    signal = echo;
                }
                if (stopped || signal == CANCELLED) {
                    stop(call);
                    return false;
                }
                if (signal == COMPLETED) {
                    return true;
                }
                if (signal instanceof Failed failed) {
                    if (signal != echo && echoesCancellation(failed.error())) {
                        echo = echo == null ? failed : echo;
                        continue;
                    }
                    stop(call);
                    throw BedrockErrors.toModelException(failed.error());
                }
                boolean handedOnText = consumer.test((E) ((Next) signal).event());
                if (!unbounded) {
                    unbounded = handedOnText;
                    request(handedOnText ? Long.MAX_VALUE : 1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(call);
            return false;
        } catch (RuntimeException e) {
            stop(call);
            throw e;
        }
    }

    /**
     * Asks for more events. The SDK may deliver an event inside {@code request}, on its own thread, while this thread
     * asks for the next one: calls on the subscription are serialised, as Reactive Streams requires (rule 2.7).
     */
    private void request(long events) {
        synchronized (subscription) {
            subscription.get().request(events);
        }
    }

    private static boolean echoesCancellation(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SdkCancellationException) {
                return true;
            }
        }
        return false;
    }

    private void stop(CompletableFuture<?> call) {
        stopped = true;
        synchronized (subscription) {
            Subscription current = subscription.get();
            if (current != null) {
                current.cancel();
            }
        }
        call.cancel(true);
    }
}
