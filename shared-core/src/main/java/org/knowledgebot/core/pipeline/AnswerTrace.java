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
    private volatile long firstTokenNanos = -1;
    private String sessionId;
    private int passagesRetrieved;
    private List<Passage> kept = List.of();
    private boolean rewriteUsed;
    private Usage usage = Usage.NONE;

    AnswerTrace(long startNanos) {
        this.startNanos = startNanos;
    }

    void sessionId(String value) {
        sessionId = value;
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

    void usage(Usage value) {
        usage = value;
    }

    String sessionId() {
        return sessionId;
    }

    long firstTokenNanos() {
        return firstTokenNanos;
    }

    int passagesRetrieved() {
        return passagesRetrieved;
    }

    List<Passage> kept() {
        return kept;
    }

    boolean rewriteUsed() {
        return rewriteUsed;
    }

    Usage usage() {
        return usage;
    }
}
