package org.knowledgebot.chat.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ModelException;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.SdkCancellationException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;

class EventStreamBridgeTest {
    private final ExecutorService ioThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopIoThread() {
        ioThread.shutdownNow();
    }

    @Test
    void eventsAreAskedForOneAtATimeUntilTextIsHandedOnThenAllAtOnce() {
        // given a stream whose third event is the first with text
        EventStreamBridge<String> bridge = new EventStreamBridge<>();
        FakeStream stream = new FakeStream(bridge, List.of("message_start", "block_start", "The", " program", " offers"));
        List<String> handled = new ArrayList<>();
        List<Long> requestedWhenTextWasHandedOn = new ArrayList<>();

        // when
        boolean completed = bridge.stream(stream::start, new Cancellation(), event -> {
            handled.add(event);
            boolean text = !event.contains("_");
            if (text && requestedWhenTextWasHandedOn.isEmpty()) {
                requestedWhenTextWasHandedOn.add(stream.requestedSoFar());
            }
            return text;
        });

        // then nothing beyond the first text was asked for before it was handed on
        assertThat(completed).isTrue();
        assertThat(handled).containsExactly("message_start", "block_start", "The", " program", " offers");
        assertThat(requestedWhenTextWasHandedOn).containsExactly(3L);
        assertThat(stream.requests).containsExactly(1L, 1L, 1L, Long.MAX_VALUE);
    }

    @Test
    void aStreamErrorWinsOverTheCancellationTheSdkEchoesAheadOfIt() {
        // given an exception event: the SDK cancels the HTTP stream, and that cancellation fails the call before
        // the exception itself reaches the subscriber
        EventStreamBridge<String> bridge = new EventStreamBridge<>();
        CompletableFuture<Void> call = new CompletableFuture<>();
        Subscription subscription = new Subscription() {
            @Override
            public void request(long n) {
                ioThread.execute(() -> {
                    call.completeExceptionally(new CompletionException(
                            new SdkCancellationException("Subscriber cancelled before all events were published")));
                    bridge.onError(ModelStreamErrorException.builder().message("The model stream failed.").build());
                });
            }

            @Override
            public void cancel() {
            }
        };

        // when / then the user is told the model stopped while answering, not that it refused the request
        assertThatThrownBy(() -> bridge.stream(() -> {
            ioThread.execute(() -> bridge.onSubscribe(subscription));
            return call;
        }, new Cancellation(), event -> true))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.getMessage()).isEqualTo(BedrockErrors.STREAM_FAILED));
    }

    /** A publisher of {@code events} that delivers on its own thread only what was asked for, then completes. */
    private final class FakeStream implements Subscription {
        final List<Long> requests = Collections.synchronizedList(new ArrayList<>());
        private final EventStreamBridge<String> subscriber;
        private final Queue<String> remaining;
        private final CompletableFuture<Void> call = new CompletableFuture<>();

        FakeStream(EventStreamBridge<String> subscriber, List<String> events) {
            this.subscriber = subscriber;
            this.remaining = new ArrayDeque<>(events);
        }

        CompletableFuture<Void> start() {
            ioThread.execute(() -> subscriber.onSubscribe(this));
            return call;
        }

        long requestedSoFar() {
            return requests.stream().mapToLong(Long::longValue).reduce(0, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }

        @Override
        public void request(long n) {
            requests.add(n);
            ioThread.execute(() -> {
                for (long i = 0; i < n && !remaining.isEmpty(); i++) {
                    subscriber.onNext(remaining.poll());
                }
                if (remaining.isEmpty() && !call.isDone()) {
                    subscriber.onComplete();
                    call.complete(null);
                }
            });
        }

        @Override
        public void cancel() {
            call.cancel(true);
        }
    }
}
