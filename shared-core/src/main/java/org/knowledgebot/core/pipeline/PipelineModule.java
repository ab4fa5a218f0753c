package org.knowledgebot.core.pipeline;

import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javax.inject.Named;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.limits.UsageLimits;
import org.knowledgebot.core.observability.AnswerMetrics;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.PromptSource;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.prompt.PromptAssembler;
import org.knowledgebot.core.prompt.PromptEnhancer;
import org.knowledgebot.core.prompt.SessionTitler;
import org.knowledgebot.core.retrieval.ConfidenceFilter;
import org.knowledgebot.core.usage.UsageTally;

/**
 * The {@link ChatPipeline} and its steps, built from the ports, the settings and the runtime pieces that
 * {@link org.knowledgebot.core.CoreModule} provides: {@code @Named("pipeline") Executor} (work beside the
 * answer), {@link FlushScheduler}, {@link Sleeper}, {@link AnswerMetrics}, {@link Clock} and
 * {@code @Named("nanoTime") LongSupplier}. Tests call the same methods over fakes (the test-jar's
 * {@code PipelineBuilder}).
 */
@Module
public final class PipelineModule {
    private PipelineModule() {
    }

    @Provides
    @Reusable
    public static ChatPipeline chatPipeline(UsageLimits limits, UsageTally tally, AnswerContextBuilder contexts,
                                            AnswerStreamer streamer, AnswerRecorder recorder) {
        return new ChatPipeline(limits, tally, contexts, streamer, recorder);
    }

    @Provides
    public static AnswerContextBuilder contexts(AnswerModels models, SystemPrompts prompts, Conversations conversations,
                                         KnowledgeLookup knowledge, ChatSettings settings) {
        return new AnswerContextBuilder(models, prompts, conversations, knowledge,
                new PromptAssembler(settings.historyTurns(), settings.historyCharBudget(), settings.noAnswerContact()), settings);
    }

    @Provides
    public static SystemPrompts systemPrompts(PromptSource source, @Named("pipeline") Executor executor, ChatSettings settings) {
        return new SystemPrompts(source, executor, settings.allowClientSystemPrompt());
    }

    @Provides
    public static Conversations conversations(SessionStore sessions, ChatSettings settings,
                                       @Named("rewrite") ChatModel rewriteModel, @Named("pipeline") Executor executor) {
        return new Conversations(sessions, Conversations.turnsToRead(settings), new SessionTitler(rewriteModel), executor);
    }

    @Provides
    public static KnowledgeLookup knowledgeLookup(Retriever retriever, @Named("rewrite") ChatModel rewriteModel,
                                           ChatSettings settings, @Named("pipeline") Executor executor) {
        return new KnowledgeLookup(new PromptEnhancer(rewriteModel, settings.rewriteHistoryTurns()), retriever,
                new ConfidenceFilter(settings.minConfidence()), settings.retrievalFailureMode(), settings.questionParts(), executor);
    }

    @Provides
    public static AnswerStreamer streamer(ChatSettings settings, FlushScheduler flushScheduler, Sleeper sleeper,
                                   @Named("nanoTime") LongSupplier nanoTime) {
        return new AnswerStreamer(settings, flushScheduler, sleeper, nanoTime);
    }

    @Provides
    public static AnswerRecorder recorder(SessionStore sessions, Clock clock, AnswerMetrics metrics,
                                   @Named("nanoTime") LongSupplier nanoTime) {
        return new AnswerRecorder(sessions, clock, metrics, nanoTime);
    }
}
