package org.knowledgebot.core.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.domain.Confidence;
import org.knowledgebot.core.domain.ErrorCode;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.Session;
import org.knowledgebot.core.domain.SessionIds;
import org.knowledgebot.core.domain.Source;
import org.knowledgebot.core.domain.Turn;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.domain.Usage;
import org.knowledgebot.core.observability.AnswerMeasurement;
import org.knowledgebot.core.observability.AnswerMetrics;
import org.knowledgebot.core.port.Cancellation;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ClientGoneException;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.ModelException;
import org.knowledgebot.core.port.ModelRequest;
import org.knowledgebot.core.port.PromptSource;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.prompt.PromptAssembler;
import org.knowledgebot.core.prompt.PromptEnhancer;
import org.knowledgebot.core.prompt.SessionTitler;
import org.knowledgebot.core.retrieval.ConfidenceFilter;

/**
 * Orchestrates one answer (DESIGN section 2), independent of the wire protocol: the system prompt is fetched
 * concurrently with session → rewrite (only with history) → retrieval; then the prompt is assembled, the answer
 * model streamed through a {@link TokenCoalescer} into the {@link ResponseSink}, sources and end sent, and the
 * turn saved. A new session's title is generated in the background and only awaited when the turn is saved.
 *
 * <p>Failure rules: retrieval failure → answer without knowledge with a notice (or fail, per
 * {@link ChatSettings#retrievalFailureMode()}); model failure before the first token → retried when retryable
 * (with backoff), then an error, nothing saved; failure after tokens → error, turn saved INCOMPLETE; client gone
 * → model stream cancelled at once, turn saved CANCELLED with the partial answer.
 */
public class ChatPipeline {
    static final int MAX_MODEL_ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(300);
    private static final long WAIT_SECONDS = 30;

    private final Retriever retriever;
    private final AnswerModels answerModels;
    private final SessionStore sessions;
    private final PromptSource promptSource;
    private final ChatSettings settings;
    private final Clock clock;
    private final Executor executor;
    private final FlushScheduler flushScheduler;
    private final Sleeper sleeper;
    private final AnswerMetrics metrics;
    private final LongSupplier nanoTime;
    private final PromptEnhancer enhancer;
    private final PromptAssembler assembler;
    private final ConfidenceFilter filter;
    private final SessionTitler titler;

    /**
     * @param rewriteModel the small model for the standalone-question rewrite and session titles
     * @param executor runs the system-prompt fetch and title generation beside the answer; created once
     * @param flushScheduler flushes held answer text that has waited {@link ChatSettings#coalesceMaxMillis()}
     *     while the model pauses; shared by every answer, created once
     * @param nanoTime monotonic clock for coalescing and timings ({@code System::nanoTime} outside tests)
     */
    public ChatPipeline(Retriever retriever, AnswerModels answerModels, ChatModel rewriteModel, SessionStore sessions,
                        PromptSource promptSource, ChatSettings settings, Clock clock, Executor executor,
                        FlushScheduler flushScheduler, Sleeper sleeper, AnswerMetrics metrics,
                        LongSupplier nanoTime) {
        this.retriever = retriever;
        this.answerModels = answerModels;
        this.sessions = sessions;
        this.promptSource = promptSource;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.flushScheduler = flushScheduler;
        this.sleeper = sleeper;
        this.metrics = metrics;
        this.nanoTime = nanoTime;
        this.enhancer = new PromptEnhancer(rewriteModel, settings.rewriteHistoryTurns());
        this.assembler = new PromptAssembler(settings.historyTurns(), settings.historyCharBudget());
        this.filter = new ConfidenceFilter(settings.minConfidence());
        this.titler = new SessionTitler(rewriteModel);
    }

    /** Answers {@code request}, sending every event to {@code sink}; never throws for a failed answer. */
    public ChatOutcome answer(ChatRequest request, ResponseSink sink) {
        return new Answer(request, sink).run();
    }

    /** The state of one answer; lives on the calling thread (timed flushes run under the coalescer's lock). */
    private final class Answer {
        private final ChatRequest request;
        private final ResponseSink sink;
        private final String userId;
        private final long startNanos = nanoTime.getAsLong();
        private volatile long firstTokenNanos = -1;
        private int passagesRetrieved;
        private List<Passage> kept = List.of();
        private boolean rewriteUsed;
        private Usage usage = Usage.NONE;
        private String sessionId;
        private CompletableFuture<String> titleIfNew;
        private String existingTitle;

        Answer(ChatRequest request, ResponseSink sink) {
            this.request = request;
            this.sink = sink;
            this.userId = request.identity().userId();
        }

        ChatOutcome run() {
            ChatOutcome outcome;
            try {
                outcome = answer();
            } catch (ClientGoneException e) {
                // Gone before the model was asked: there is no answer to keep.
                outcome = new ChatOutcome(sessionId, null, null);
            } catch (RuntimeException e) {
                outcome = failed(ErrorCode.INTERNAL, "Something went wrong while answering. Please try again.");
            }
            try {
                record(outcome);
            } catch (RuntimeException e) {
                // Metrics are best effort: losing one line must not turn an answer into a failure.
            }
            return outcome;
        }

        private ChatOutcome answer() {
            Optional<ChatModel> model = answerModels.forAlias(request.modelAlias());
            if (model.isEmpty()) {
                return failed(ErrorCode.BAD_REQUEST, "This model is not available. Choose one of: "
                        + String.join(", ", answerModels.byAlias().keySet().stream().sorted().toList()) + ".");
            }
            boolean clientPrompt = settings.allowClientSystemPrompt() && request.systemPromptOverride() != null;
            CompletableFuture<String> instructions = clientPrompt
                    ? CompletableFuture.completedFuture(request.systemPromptOverride())
                    : CompletableFuture.supplyAsync(promptSource::systemPrompt, executor);

            sessionId = request.sessionId() != null ? request.sessionId() : SessionIds.newId();
            Optional<Session> stored;
            try {
                stored = request.sessionId() == null ? Optional.empty() : sessions.find(userId, sessionId);
            } catch (RuntimeException e) {
                return failed(ErrorCode.INTERNAL, "Your conversation could not be loaded. Please try again.");
            }
            List<Turn> history = stored.map(Session::turns).orElse(List.of());
            if (stored.isPresent()) {
                existingTitle = stored.get().title();
            } else {
                String question = request.message();
                titleIfNew = CompletableFuture.supplyAsync(() -> titler.title(question), executor);
            }
            sink.start(sessionId, UUID.randomUUID().toString());

            PromptEnhancer.Standalone standalone = enhancer.standalone(request.message(), history);
            rewriteUsed = standalone.rewritten();
            List<Passage> passages;
            try {
                passages = retriever.retrieve(standalone.question());
            } catch (RuntimeException e) {
                if (settings.retrievalFailureMode() == ChatSettings.RetrievalFailureMode.FAIL) {
                    return failed(ErrorCode.RETRIEVAL_UNAVAILABLE,
                            "The knowledge base is unavailable right now. Please try again later.");
                }
                sink.notice(ErrorCode.RETRIEVAL_UNAVAILABLE,
                        "The knowledge base is unavailable right now; this answer does not use it.");
                passages = List.of();
            }
            passagesRetrieved = passages.size();
            kept = filter.keep(passages);

            String systemPrompt;
            try {
                systemPrompt = assembler.systemPrompt(instructions.get(WAIT_SECONDS, TimeUnit.SECONDS), kept);
            } catch (ExecutionException | TimeoutException e) {
                return failed(ErrorCode.INTERNAL, "The assistant's instructions could not be loaded. Please try again.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed(ErrorCode.INTERNAL, "The answer was interrupted. Please try again.");
            }
            ModelRequest modelRequest = new ModelRequest(systemPrompt,
                    assembler.messages(history, request.message()), settings.answerMaxTokens(),
                    settings.answerTemperature(), null, List.of());
            return stream(model.get(), modelRequest);
        }

        private ChatOutcome stream(ChatModel model, ModelRequest modelRequest) {
            StringBuilder answer = new StringBuilder();
            Cancellation cancellation = new Cancellation();
            TokenCoalescer coalescer = coalescer(cancellation);
            for (int attempt = 1; ; attempt++) {
                TokenCoalescer current = coalescer;
                try {
                    Completion completion = model.stream(modelRequest, delta -> {
                        answer.append(delta);
                        try {
                            current.accept(delta);
                        } catch (ClientGoneException e) {
                            // Stop the model at once, even if an adapter swallowed or wrapped the exception.
                            cancellation.cancel();
                            throw e;
                        }
                    }, cancellation);
                    usage = completion.usage();
                    // A flush on the scheduler's thread that failed cancelled the stream; handle it here as one.
                    coalescer.throwIfTimedFlushFailed();
                    if (completion.cancelled()) {
                        return cancelled(coalescer, answer);
                    }
                    coalescer.finish();
                    sink.complete(sources(), completion.stopReason(), completion.usage());
                    return save(TurnStatus.COMPLETE, answer, null);
                } catch (ClientGoneException e) {
                    return cancelled(coalescer, answer);
                } catch (RuntimeException e) {
                    ModelException failure = e instanceof ModelException me ? me
                            : new ModelException(ErrorCode.MODEL_ERROR, "The model failed to answer.", false, e);
                    if (!coalescer.anyFlushed()) {
                        if (failure.retryable() && attempt < MAX_MODEL_ATTEMPTS && backOff(attempt)) {
                            answer.setLength(0);
                            coalescer = coalescer(cancellation);
                            continue;
                        }
                        return failed(failure.code(), userMessage(failure));
                    }
                    return failedAfterTokens(coalescer, answer, failure);
                }
            }
        }

        /** Saves the partial answer as cancelled; no held text is sent any more, not even by a pending timer. */
        private ChatOutcome cancelled(TokenCoalescer coalescer, StringBuilder answer) {
            coalescer.discard();
            return save(TurnStatus.CANCELLED, answer, null);
        }

        private ChatOutcome failedAfterTokens(TokenCoalescer coalescer, StringBuilder answer, ModelException failure) {
            try {
                coalescer.finish();
                sink.error(failure.code(), userMessage(failure));
            } catch (ClientGoneException e) {
                return save(TurnStatus.CANCELLED, answer, failure.code());
            } catch (RuntimeException e) {
                // The channel itself failed; the partial answer is still worth keeping.
                return save(TurnStatus.INCOMPLETE, answer, failure.code());
            }
            return save(TurnStatus.INCOMPLETE, answer, failure.code());
        }

        private TokenCoalescer coalescer(Cancellation stream) {
            return new TokenCoalescer(settings.coalesceMinChars(), settings.coalesceMaxMillis(), nanoTime,
                    flushScheduler, stream, text -> {
                        if (firstTokenNanos < 0) {
                            firstTokenNanos = nanoTime.getAsLong();
                        }
                        sink.token(text);
                    });
        }

        /** Waits before the next attempt; false when interrupted (then no more attempts). */
        private boolean backOff(int attempt) {
            try {
                sleeper.sleep(FIRST_BACKOFF.multipliedBy(1L << (2 * (attempt - 1))));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private List<Source> sources() {
            List<Source> sources = new ArrayList<>();
            Set<String> uris = new HashSet<>();
            for (Passage passage : kept) {
                if (!passage.uri().isBlank() && uris.add(passage.uri())) {
                    sources.add(new Source(passage.title(), passage.uri(), passage.text(), passage.confidence()));
                }
            }
            return sources;
        }

        private ChatOutcome save(TurnStatus status, StringBuilder answer, ErrorCode error) {
            Turn turn = new Turn(request.message(), answer.toString(), sources(), status, clock.instant());
            try {
                sessions.append(userId, sessionId, turn, titleIfNew == null ? existingTitle : title());
                return new ChatOutcome(sessionId, status, error);
            } catch (RuntimeException e) {
                return new ChatOutcome(sessionId, null, error == null ? ErrorCode.INTERNAL : error);
            }
        }

        private String title() {
            try {
                return titleIfNew.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SessionTitler.firstWords(request.message());
            } catch (ExecutionException | TimeoutException e) {
                return SessionTitler.firstWords(request.message());
            }
        }

        /** Sends an error event (if the client is still there); nothing is saved. */
        private ChatOutcome failed(ErrorCode code, String message) {
            try {
                sink.error(code, message);
            } catch (RuntimeException e) {
                // The client is gone or the channel broke: nobody is left to tell.
            }
            return new ChatOutcome(sessionId, null, code);
        }

        private void record(ChatOutcome outcome) {
            Map<Confidence, Integer> byBucket = new EnumMap<>(Confidence.class);
            kept.forEach(passage -> byBucket.merge(passage.confidence(), 1, Integer::sum));
            long now = nanoTime.getAsLong();
            metrics.record(new AnswerMeasurement(sink.route(),
                    firstTokenNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(firstTokenNanos - startNanos),
                    TimeUnit.NANOSECONDS.toMillis(now - startNanos), usage.inputTokens(), usage.outputTokens(),
                    sink.framesSent(), passagesRetrieved, byBucket, rewriteUsed, outcome.error()));
        }
    }

    private static String userMessage(ModelException failure) {
        String message = failure.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        return failure.code() == ErrorCode.THROTTLED ? "The model is busy right now. Please try again in a moment."
                : "The model failed to answer. Please try again.";
    }
}
