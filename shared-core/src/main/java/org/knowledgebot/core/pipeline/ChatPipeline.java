package org.knowledgebot.core.pipeline;

import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.port.ClientGoneException;

/**
 * Answers one question in three steps, independent of the wire protocol (see docs/ARCHITECTURE.md, "The answer
 * path"):
 * <ol>
 *   <li>{@link AnswerContextBuilder}: the model, the system prompt (fetched beside the rest), the session, the
 *       rewrite (only with history), retrieval and the confidence filter → a {@code ModelRequest} and its
 *       sources;</li>
 *   <li>{@link AnswerStreamer}: the model's answer streamed through the coalescer, with retries before the first
 *       token and cancellation when the client goes away;</li>
 *   <li>{@link AnswerRecorder}: the turn saved and the metrics line written.</li>
 * </ol>
 * A step that cannot go on throws an {@link AnswerFailure}: the user gets its error event and nothing is saved.
 * A check that must stop a question before the model is asked (a per-user limit) belongs before step 1.
 */
public final class ChatPipeline implements Answerer {
    private final AnswerContextBuilder contexts;
    private final AnswerStreamer streamer;
    private final AnswerRecorder recorder;

    public ChatPipeline(AnswerContextBuilder contexts, AnswerStreamer streamer, AnswerRecorder recorder) {
        this.contexts = contexts;
        this.streamer = streamer;
        this.recorder = recorder;
    }

    @Override
    public ChatOutcome answer(ChatRequest request, ResponseSink sink) {
        AnswerTrace trace = recorder.begin();
        ChatOutcome outcome = answer(request, sink, trace);
        recorder.measure(trace, sink, outcome);
        return outcome;
    }

    private ChatOutcome answer(ChatRequest request, ResponseSink sink, AnswerTrace trace) {
        try {
            AnswerContext context = contexts.build(request, sink, trace);
            StreamedAnswer answer = streamer.stream(context, sink, trace);
            return recorder.save(request, context, answer);
        } catch (ClientGoneException e) {
            // Gone before the model answered: there is no answer to keep and nobody to tell.
            return new ChatOutcome(trace.sessionId(), null, null);
        } catch (AnswerFailure e) {
            return failed(sink, trace, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            return failed(sink, trace, ErrorCode.INTERNAL, "Something went wrong while answering. Please try again.");
        }
    }

    /** Sends an error event (if the client is still there); nothing is saved. */
    private static ChatOutcome failed(ResponseSink sink, AnswerTrace trace, ErrorCode code, String message) {
        try {
            sink.error(code, message);
        } catch (RuntimeException e) {
            // The client is gone or the channel broke: nobody is left to tell.
        }
        return new ChatOutcome(trace.sessionId(), null, code);
    }
}
