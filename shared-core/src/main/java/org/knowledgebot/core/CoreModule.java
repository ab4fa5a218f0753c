package org.knowledgebot.core;

import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.Reusable;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.inject.Named;
import javax.inject.Provider;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.limits.UsageLimitSettings;
import org.knowledgebot.core.limits.UsageLimits;
import org.knowledgebot.core.observability.AnswerMetrics;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.observability.ServiceErrorCodes;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.pipeline.ChatPipeline;
import org.knowledgebot.core.pipeline.FlushScheduler;
import org.knowledgebot.core.pipeline.PipelineModule;
import org.knowledgebot.core.pipeline.Sleeper;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.port.PromptSource;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.port.UsageCounters;
import org.knowledgebot.core.session.SessionOperations;
import org.knowledgebot.core.session.TurnLimits;
import org.knowledgebot.core.usage.UsageLedger;
import org.knowledgebot.core.usage.UsageTally;
import org.knowledgebot.core.wire.ChatEndpoint;

/**
 * The pure parts of the graph. A component that installs this module gets {@link ChatPipeline},
 * {@link ChatEndpoint}, {@link SessionOperations}, {@link EventLog} and {@link AnswerMetrics} once it binds:
 * {@link Retriever}, {@link AnswerModels}, {@code @Named("rewrite")} {@link ChatModel}, {@link SessionStore},
 * {@link PromptSource}, {@link ClientChannel}, {@link ChatSettings}, {@link UsageLimitSettings},
 * {@link UsageCounters} (only used when a limit is set) and {@link Clock}; it may bind a {@link UsageLedger}
 * (without one no question is counted for the usage report). Only what a component
 * asks for must be bound: {@code SessionOperations} needs just {@code SessionStore},
 * {@code Clock} and {@code ChatSettings}.
 */
@Module(includes = {PipelineModule.class, CoreModule.Optionals.class})
public final class CoreModule {
    private CoreModule() {
    }

    /**
     * Daemon threads for the work that runs beside an answer (system prompt, session title, posting the answer's
     * frames while the model streams on). Cached threads are reused across the requests of one execution
     * environment, and never keep the JVM alive.
     */
    @Provides
    @Reusable
    @Named("pipeline")
    static ExecutorService pipelineExecutor() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "pipeline-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Provides
    static Sleeper sleeper() {
        return Sleeper.system();
    }

    @Provides
    @Reusable
    static AnswerMetrics answerMetrics(ChatSettings settings, Clock clock) {
        return AnswerMetrics.toStandardOutput(settings.stage(), clock);
    }

    @Provides
    @Reusable
    static EventLog eventLog(Clock clock, Optional<ServiceErrorCodes> serviceErrorCodes) {
        return EventLog.toStandardOutput(clock, serviceErrorCodes.orElse(ServiceErrorCodes.none()));
    }

    /** The executor of the work beside an answer, as the pipeline's steps see it. */
    @Provides
    @Named("pipeline")
    static Executor pipelineWork(@Named("pipeline") ExecutorService executor) {
        return executor;
    }

    @Provides
    static FlushScheduler flushScheduler(@Named("pipeline") ExecutorService executor) {
        return FlushScheduler.on(FlushThread.EXECUTOR, executor).firstFrameOnCaller();
    }

    @Provides
    @Named("nanoTime")
    static LongSupplier nanoTime() {
        return System::nanoTime;
    }

    @Provides
    @Reusable
    static ChatEndpoint chatEndpoint(ChatPipeline pipeline, ClientChannel channel, ChatSettings settings) {
        return new ChatEndpoint(pipeline, channel, settings.maxUserMessageChars());
    }

    /**
     * The per-user limits; the counters are only built (and their client with them) when a limit is set.
     * A failing counter call is traced on standard error, which the functions' log groups keep.
     */
    @Provides
    @Reusable
    static UsageLimits usageLimits(UsageLimitSettings settings, Provider<UsageCounters> counters, Clock clock) {
        return settings.limitsAnything()
                ? new UsageLimits(settings, counters.get(), clock, System.err::println)
                : UsageLimits.unlimited();
    }

    @Provides
    @Reusable
    static UsageTally usageTally(Optional<UsageLedger> ledger, Clock clock, EventLog eventLog) {
        return new UsageTally(ledger, clock, eventLog);
    }

    @Provides
    @Reusable
    static SessionOperations sessionOperations(SessionStore store, Clock clock, ChatSettings settings) {
        return new SessionOperations(store, clock, new TurnLimits(settings.maxUserMessageChars()));
    }

    /**
     * What a component may bind: a graph that talks to AWS binds {@link ServiceErrorCodes} for its log lines, one
     * that answers questions binds the {@link UsageLedger} that counts them.
     */
    @Module
    interface Optionals {
        @BindsOptionalOf
        ServiceErrorCodes serviceErrorCodes();

        @BindsOptionalOf
        UsageLedger usageLedger();
    }

    /**
     * The one daemon thread that times the flush of held answer text while a model pauses (posts run on the
     * pipeline executor, so a slow client never delays another's timer), shared by every answer and every
     * component of the process (the local runtime builds several). The holder class is initialised, and the
     * executor made, on first use: once per execution environment, never per request.
     */
    private static final class FlushThread {
        static final ScheduledExecutorService EXECUTOR = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "coalesce-flush");
                thread.setDaemon(true);
                return thread;
            });
            // finish() cancels most timed flushes before they are due; do not keep them queued until then.
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
