package org.knowledgebot.core.port;

/** A text-generating model that streams its answer (Claude, Mistral, any Converse model, or an offline model). */
public interface ChatModel {
    /**
     * Streams a completion of {@code request}, handing each piece of text to {@code listener} in order, on the
     * calling thread (the listener may block: it may post the first frame itself). Blocks until the model has
     * finished, has failed, or {@code cancellation} was cancelled.
     *
     * <p>When the listener throws, the implementation stops the stream at once and rethrows that exception
     * unchanged. When cancelled, it stops the stream at once and returns with stop reason {@code cancelled}.
     *
     * @throws ModelException when the model call fails; {@link ModelException#retryable()} tells throttling
     *     and server errors apart from bad requests
     */
    Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation);
}
