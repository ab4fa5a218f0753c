package org.knowledgebot.core.pipeline;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ClientGoneException;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelException;

/**
 * Step 2 of an answer: streams the model's answer through a {@link TokenCoalescer} to the sink (the sources and
 * the end follow once the turn is saved, see {@link ChatPipeline}). A model failure before the first token is retried when retryable (with backoff), then
 * fails the answer; after tokens it ends the answer with an error and the turn is kept INCOMPLETE. A client that
 * goes away cancels the model stream at once and the turn is kept CANCELLED.
 *
 * @param flushScheduler flushes held answer text that has waited {@link ChatSettings#coalesceMaxMillis()} while the
 *     model pauses; shared by every answer, created once
 * @param nanoTime monotonic clock for coalescing and timings ({@code System::nanoTime} outside tests)
 */
public record AnswerStreamer(ChatSettings settings, FlushScheduler flushScheduler, Sleeper sleeper,
                             LongSupplier nanoTime) {
    static final int MAX_MODEL_ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(300);

    /** @throws AnswerFailure when the model failed before any text reached the client */
    StreamedAnswer stream(AnswerContext context, ResponseSink sink, AnswerTrace trace) {
        StringBuilder answer = new StringBuilder();
        Cancellation cancellation = new Cancellation();
        TokenCoalescer coalescer = coalescer(cancellation, sink, trace, context.title());
        for (int attempt = 1; ; attempt++) {
            TokenCoalescer current = coalescer;
            try {
                Completion completion = context.model().stream(context.modelRequest(), delta -> {
                    answer.append(delta);
                    try {
                        current.accept(delta);
                    } catch (ClientGoneException e) {
                        // Stop the model at once, even if an adapter swallowed or wrapped the exception.
                        cancellation.cancel();
                        throw e;
                    }
                }, cancellation);
                trace.usage = completion.usage();
                // A post on the sending thread that failed cancelled the stream; handle it here as one.
                coalescer.throwIfSendFailed();
                if (completion.cancelled()) {
                    return cancelled(coalescer, answer);
                }
                coalescer.finish();
                return StreamedAnswer.completed(answer.toString(), completion);
            } catch (ClientGoneException e) {
                return cancelled(coalescer, answer);
            } catch (RuntimeException e) {
                ModelException failure = e instanceof ModelException me ? me
                        : new ModelException(ErrorCode.MODEL_ERROR, SafeError.MODEL_FAILED.message(), false, e);
                if (coalescer.anyFlushed()) {
                    return failedAfterTokens(coalescer, answer, failure, sink, trace);
                }
                if (!(failure.retryable() && attempt < MAX_MODEL_ATTEMPTS && backOff(attempt))) {
                    throw new AnswerFailure(SafeError.ofModel(failure.code(), failure.getMessage()), failure);
                }
                answer.setLength(0);
                coalescer = coalescer(cancellation, sink, trace, context.title());
            }
        }
    }

    /** The partial answer, cancelled; no held text is sent any more, not even by a pending timer. */
    private static StreamedAnswer cancelled(TokenCoalescer coalescer, StringBuilder answer) {
        coalescer.discard();
        return StreamedAnswer.ended(answer.toString(), TurnStatus.CANCELLED);
    }

    private static StreamedAnswer failedAfterTokens(TokenCoalescer coalescer, StringBuilder answer,
                                                    ModelException failure, ResponseSink sink, AnswerTrace trace) {
        TurnStatus status = TurnStatus.INCOMPLETE;
        try {
            coalescer.finish();
            SafeError error = SafeError.ofModel(failure.code(), failure.getMessage());
            sink.error(error.code(), error.message());
            trace.errorSent = true;
        } catch (ClientGoneException e) {
            status = TurnStatus.CANCELLED;
        } catch (RuntimeException e) {
            // The channel itself failed; the partial answer is still worth keeping, as INCOMPLETE.
            failure.addSuppressed(e);
        }
        return new StreamedAnswer(answer.toString(), status, failure.code(), failure);
    }

    private TokenCoalescer coalescer(Cancellation stream, ResponseSink sink, AnswerTrace trace, SessionTitle title) {
        return new TokenCoalescer(settings.coalesceMinChars(), settings.coalesceMaxMillis(), nanoTime,
                flushScheduler, stream, text -> {
                    trace.tokenSent(nanoTime);
                    sink.token(text);
                    // Off the first-token path: the title's model call starts once the first text is out.
                    title.start();
                });
    }

    /** Waits before the next attempt; false when interrupted (then no more attempts). */
    private boolean backOff(int attempt) {
        try {
            sleeper.sleep(FIRST_BACKOFF.multipliedBy(1L << (2 * (attempt - 1))));
            return true;
        } catch (InterruptedException e) {
            // Interrupted while backing off: no retry, the interrupt kept for the caller.
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
