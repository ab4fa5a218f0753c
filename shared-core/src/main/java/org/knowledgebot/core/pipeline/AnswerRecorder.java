package org.knowledgebot.core.pipeline;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.observability.AnswerMeasurement;
import org.knowledgebot.core.observability.AnswerMetrics;
import org.knowledgebot.core.port.ClientGoneException;
import org.knowledgebot.core.port.SessionStore;

/**
 * Step 3 of an answer: saves the turn (complete, incomplete or cancelled), then sends a finished answer's sources
 * and end, and writes the answer's metrics line.
 * Its clock dates the turn; a remote session service (session-fn) dates it again by its own.
 *
 * @param nanoTime monotonic clock for the timings ({@code System::nanoTime} outside tests)
 */
public record AnswerRecorder(SessionStore sessions, Clock clock, AnswerMetrics metrics, LongSupplier nanoTime) {
    /** Starts the trace of one answer, from now. */
    AnswerTrace begin() {
        return new AnswerTrace(nanoTime.getAsLong());
    }

    /** Saves the answer's turn; the outcome says what was saved, or INTERNAL when saving failed. */
    ChatOutcome save(ChatRequest request, AnswerContext context, StreamedAnswer answer) {
        Turn turn = new Turn(request.message(), answer.text(), context.shown(answer.text()), answer.status(),
                clock.instant(), context.messageId());
        try {
            sessions.append(request.identity().userId(), context.sessionId(), turn, context.title().await());
            return new ChatOutcome(context.sessionId(), answer.status(), answer.error(), answer.cause());
        } catch (RuntimeException e) {
            // The answer reached the user; only the log line can tell that its turn was lost.
            if (answer.cause() != null) {
                e.addSuppressed(answer.cause());
            }
            return new ChatOutcome(context.sessionId(), null,
                    answer.error() == null ? ErrorCode.INTERNAL : answer.error(), e);
        }
    }

    /**
     * Sends a finished answer's sources and end, once its turn is {@link #save saved}: the client may send its
     * follow-up the moment the end arrives, and that one must read this turn. Returns {@code saved} unchanged.
     */
    ChatOutcome end(AnswerContext context, StreamedAnswer answer, ResponseSink sink, ChatOutcome saved) {
        if (answer.completion() != null) {
            try {
                sink.complete(context.shown(answer.text()), answer.completion().stopReason(),
                        answer.completion().usage());
            } catch (ClientGoneException e) {
                // Every word reached the client and the turn is saved; only its end frame is lost.
            }
        }
        return saved;
    }

    /** Writes the metrics line of one answer; best effort: losing one line must not turn an answer into a failure. */
    void measure(AnswerTrace trace, ResponseSink sink, ChatOutcome outcome) {
        try {
            Map<Confidence, Integer> byBucket = new EnumMap<>(Confidence.class);
            trace.kept.forEach(passage -> byBucket.merge(passage.confidence(), 1, Integer::sum));
            long now = nanoTime.getAsLong();
            long firstToken = trace.firstTokenNanos;
            metrics.record(new AnswerMeasurement(sink.route(),
                    firstToken < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(firstToken - trace.startNanos),
                    TimeUnit.NANOSECONDS.toMillis(now - trace.startNanos), trace.usage.inputTokens(),
                    trace.usage.outputTokens(), sink.framesSent(), trace.passagesRetrieved, byBucket,
                    trace.rewriteUsed, outcome.error()));
        } catch (RuntimeException e) {
            // Best effort: losing one metrics line must not turn an answer into a failure; its log line remains.
        }
    }
}
