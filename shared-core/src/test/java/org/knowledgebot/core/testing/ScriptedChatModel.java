package org.knowledgebot.core.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.DeltaListener;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.port.ModelRequest;

/**
 * A {@link ChatModel} that plays scripted calls in order and records every request. Each call streams its
 * deltas, then completes or fails; the last script repeats when calls outnumber scripts. It honours the port's
 * contract: a throwing listener stops the stream and the exception propagates; a cancellation stops it with
 * stop reason {@code cancelled}.
 */
public final class ScriptedChatModel implements ChatModel {
    private final Deque<Script> scripts = new ArrayDeque<>();
    private final List<ModelRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int deltasDelivered;

    /** One call: deltas, then either a completion or a failure. */
    public record Script(List<String> deltas, Completion completion, Supplier<RuntimeException> failure) {
    }

    public static ScriptedChatModel answering(String... deltas) {
        return new ScriptedChatModel().thenAnswer(deltas);
    }

    public static ScriptedChatModel failing(RuntimeException failure) {
        return new ScriptedChatModel().thenFail(failure);
    }

    public ScriptedChatModel thenAnswer(String... deltas) {
        return then(new Script(List.of(deltas), new Completion("end_turn", new Usage(42, deltas.length)), null));
    }

    public ScriptedChatModel thenAnswerWith(Completion completion, String... deltas) {
        return then(new Script(List.of(deltas), completion, null));
    }

    /** Streams {@code deltas}, then throws {@code failure}. */
    public ScriptedChatModel thenFailAfter(RuntimeException failure, String... deltas) {
        return then(new Script(List.of(deltas), null, () -> failure));
    }

    public ScriptedChatModel thenFail(RuntimeException failure) {
        return thenFailAfter(failure);
    }

    public ScriptedChatModel then(Script script) {
        scripts.addLast(script);
        return this;
    }

    public static ModelException throttled() {
        return new ModelException(ErrorCode.THROTTLED, "The model is busy right now. Please try again in a moment.",
                true);
    }

    public static ModelException serverError() {
        return new ModelException(ErrorCode.MODEL_ERROR, "The model failed to answer. Please try again.", true);
    }

    @Override
    public Completion stream(ModelRequest request, DeltaListener listener, Cancellation cancellation) {
        requests.add(request);
        Script script;
        synchronized (scripts) {
            script = scripts.size() > 1 ? scripts.pollFirst() : scripts.peekFirst();
        }
        if (script == null) {
            throw new IllegalStateException("no script for this call");
        }
        for (String delta : script.deltas()) {
            if (cancellation.isCancelled()) {
                return new Completion(Completion.CANCELLED, Usage.NONE);
            }
            listener.onDelta(delta);
            deltasDelivered++;
        }
        if (cancellation.isCancelled()) {
            return new Completion(Completion.CANCELLED, Usage.NONE);
        }
        if (script.failure() != null) {
            throw script.failure().get();
        }
        return script.completion();
    }

    public List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    public int calls() {
        return requests.size();
    }

    /** Deltas the listener accepted without throwing. */
    public int deltasDelivered() {
        return deltasDelivered;
    }
}
