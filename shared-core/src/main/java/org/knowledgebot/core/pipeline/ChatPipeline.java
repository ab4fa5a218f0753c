package org.knowledgebot.core.pipeline;

import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.SafeError;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.limits.UsageLimits;
import org.knowledgebot.core.port.ClientGoneException;
import org.knowledgebot.core.usage.UsageTally;

/**
 * Answers one question in three steps, independent of the wire protocol (see docs/ARCHITECTURE.md, "The answer
 * path"):
 * <ol>
 *   <li>{@link AnswerContextBuilder}: the model, the system prompt (fetched beside the rest), the session, the
 *       rewrite (only with history), retrieval and the confidence filter → a {@code ModelRequest} and its
 *       sources;</li>
 *   <li>{@link AnswerStreamer}: the model's answer streamed through the coalescer, with retries before the first
 *       token and cancellation when the client goes away;</li>
 *   <li>{@link AnswerRecorder}: the turn saved, then the sources and the end sent (so a follow-up sent the moment
 *       the end arrives reads this turn), and the metrics line written.</li>
 * </ol>
 * A step that cannot go on throws an {@link AnswerFailure}: the user gets its error event and nothing is saved.
 * Before step 1 the per-user {@link UsageLimits} may refuse the question: the user gets a THROTTLED error with the
 * wait, no model is asked and nothing is saved. After the answer its tokens are charged to the user's day, and
 * the {@link UsageTally} counts every question (refused ones too) with its tokens and whether it ended in an error.
 */
public record ChatPipeline(UsageLimits limits, UsageTally tally, AnswerContextBuilder contexts,
                           AnswerStreamer streamer, AnswerRecorder recorder) implements Answerer {
    @Override
    public ChatOutcome answer(ChatRequest request, ResponseSink sink) {
        String userId = request.identity().userId();
        UsageLimits.Decision admission = limits.admit(userId);
        if (!admission.admitted()) {
            boolean told = throttled(sink, admission);
            tally.count(userId, null, Usage.NONE, told);
            return new ChatOutcome(request.sessionId(), null, ErrorCode.THROTTLED);
        }
        AnswerTrace trace = recorder.begin();
        ChatOutcome outcome = answer(request, sink, trace).withCauseIfNone(trace.degradedBy);
        limits.charge(userId, (long) trace.usage.inputTokens() + trace.usage.outputTokens());
        recorder.measure(trace, sink, outcome);
        tally.count(userId, trace.modelId, trace.usage, trace.errorSent);
        return outcome;
    }

    private ChatOutcome answer(ChatRequest request, ResponseSink sink, AnswerTrace trace) {
        try {
            AnswerContext context = contexts.build(request, sink, trace);
            StreamedAnswer answer = streamer.stream(context, sink, trace);
            return recorder.end(context, answer, sink, recorder.save(request, context, answer));
        } catch (ClientGoneException e) {
            // Gone before the model answered: there is no answer to keep and nobody to tell.
            return new ChatOutcome(trace.sessionId, null, null);
        } catch (AnswerFailure e) {
            return failed(sink, trace, e.error(), e.getCause());
        } catch (RuntimeException e) {
            return failed(sink, trace, SafeError.INTERNAL, e);
        }
    }

    /** Tells the user to wait; false when the refusal could not be sent. */
    private static boolean throttled(ResponseSink sink, UsageLimits.Decision refusal) {
        try {
            sink.throttled(refusal.message(), refusal.retryAfterSeconds());
            return true;
        } catch (RuntimeException e) {
            // The client is gone or the channel broke: nobody is left to tell.
            return false;
        }
    }

    /** Sends an error event (if the client is still there); nothing is saved. */
    private static ChatOutcome failed(ResponseSink sink, AnswerTrace trace, SafeError error, Throwable cause) {
        try {
            sink.error(error.code(), error.message());
            trace.errorSent = true;
        } catch (RuntimeException e) {
            // The client is gone or the channel broke: nobody is left to tell, and the cause is the answer's.
        }
        return new ChatOutcome(trace.sessionId, null, error.code(), cause);
    }
}
