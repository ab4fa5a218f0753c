package org.knowledgebot.core.pipeline;

import java.util.List;
import java.util.function.LongSupplier;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.Usage;

/**
 * What the steps learn about one answer as it goes, for its outcome and its metrics line. Written by the
 * answering thread; only the first token's time is set by the coalescer's sending thread.
 */
final class AnswerTrace {
    final long startNanos;
    /** -1 until the first text reached the client. */
    volatile long firstTokenNanos = -1;
    String sessionId;
    int passagesRetrieved;
    List<Passage> kept = List.of();
    boolean rewriteUsed;
    Usage usage = Usage.NONE;
    /** The answer model's id, for the usage counts; null until the model is chosen. */
    String modelId;
    /** Whether an error frame reached the client (what the usage counts call an error). */
    boolean errorSent;
    /** Why the answer went on without something it should have had; null for none. */
    Throwable degradedBy;

    AnswerTrace(long startNanos) {
        this.startNanos = startNanos;
    }

    void retrieved(int passages, List<Passage> keptPassages, boolean rewritten) {
        passagesRetrieved = passages;
        kept = keptPassages;
        rewriteUsed = rewritten;
    }

    /** Notes when the first text reached the client; later calls keep the first time. */
    void tokenSent(LongSupplier nanoTime) {
        if (firstTokenNanos < 0) {
            firstTokenNanos = nanoTime.getAsLong();
        }
    }
}
