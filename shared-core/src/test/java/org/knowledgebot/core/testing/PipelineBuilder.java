package org.knowledgebot.core.testing;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.limits.UsageLimits;
import org.knowledgebot.core.observability.AnswerMetrics;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.pipeline.ChatPipeline;
import org.knowledgebot.core.pipeline.FlushScheduler;
import org.knowledgebot.core.pipeline.PipelineModule;
import org.knowledgebot.core.pipeline.Sleeper;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.PromptSource;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.usage.UsageTally;

/**
 * A {@link ChatPipeline} for a test, wired as production wires it. Defaults: no passages, an answer of
 * "Hello world", in-memory sessions, work beside the answer on the calling thread, no timed flushes, retries
 * that do not wait, metrics to nowhere, and clocks that stand still at {@link PipelineHarness#NOW}.
 */
public final class PipelineBuilder {
    private Retriever retriever = FixedRetriever.returning();
    private AnswerModels answerModels = AnswerModels.single("m", ScriptedChatModel.answering("Hello", " world"));
    private ChatModel rewriteModel = ScriptedChatModel.answering("A title");
    private Clock clock = Clock.fixed(PipelineHarness.NOW, ZoneOffset.UTC);
    private SessionStore sessions;
    private PromptSource promptSource = new FixedPromptSource("P");
    private ChatSettings settings = ChatSettings.defaults();
    private Executor executor = Runnable::run;
    private FlushScheduler flushScheduler = FlushScheduler.none();
    private Sleeper sleeper = duration -> { };
    private AnswerMetrics metrics;
    private LongSupplier nanoTime = () -> 0L;
    private UsageLimits usageLimits = UsageLimits.unlimited();
    private UsageTally usageTally = UsageTally.none();

    public PipelineBuilder retriever(Retriever value) {
        retriever = value;
        return this;
    }

    public PipelineBuilder answerModel(ChatModel value) {
        answerModels = AnswerModels.single("m", value);
        return this;
    }

    public PipelineBuilder answerModels(AnswerModels value) {
        answerModels = value;
        return this;
    }

    public PipelineBuilder rewriteModel(ChatModel value) {
        rewriteModel = value;
        return this;
    }

    public PipelineBuilder sessions(SessionStore value) {
        sessions = value;
        return this;
    }

    public PipelineBuilder promptSource(PromptSource value) {
        promptSource = value;
        return this;
    }

    public PipelineBuilder settings(ChatSettings value) {
        settings = value;
        return this;
    }

    public PipelineBuilder clock(Clock value) {
        clock = value;
        return this;
    }

    public PipelineBuilder executor(Executor value) {
        executor = value;
        return this;
    }

    public PipelineBuilder flushScheduler(FlushScheduler value) {
        flushScheduler = value;
        return this;
    }

    public PipelineBuilder sleeper(Sleeper value) {
        sleeper = value;
        return this;
    }

    public PipelineBuilder metrics(AnswerMetrics value) {
        metrics = value;
        return this;
    }

    /** The monotonic clock of coalescing and timings. */
    public PipelineBuilder nanoTime(LongSupplier value) {
        nanoTime = value;
        return this;
    }

    public PipelineBuilder usageLimits(UsageLimits value) {
        usageLimits = value;
        return this;
    }

    /** Counts the questions for the usage report (none by default). */
    public PipelineBuilder usageTally(UsageTally value) {
        usageTally = value;
        return this;
    }

    /** Wires the pipeline with production's own {@link PipelineModule} methods. */
    public ChatPipeline build() {
        SessionStore store = sessions != null ? sessions : new InMemorySessionStore(clock);
        AnswerMetrics answerMetrics = metrics != null ? metrics : new AnswerMetrics(settings.stage(), line -> { }, clock);
        return PipelineModule.chatPipeline(usageLimits, usageTally,
                PipelineModule.contexts(answerModels, PipelineModule.systemPrompts(promptSource, executor, settings),
                        PipelineModule.conversations(store, settings, rewriteModel, executor),
                        PipelineModule.knowledgeLookup(retriever, rewriteModel, settings, executor), settings),
                PipelineModule.streamer(settings, flushScheduler, sleeper, nanoTime),
                PipelineModule.recorder(store, clock, answerMetrics, nanoTime));
    }
}
