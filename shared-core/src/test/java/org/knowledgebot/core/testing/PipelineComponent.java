package org.knowledgebot.core.testing;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javax.inject.Named;
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

/** The pipeline wired as production wires it ({@link PipelineModule}), over whatever a test binds. */
@Component(modules = PipelineModule.class)
interface PipelineComponent {
    ChatPipeline pipeline();

    @Component.Builder
    interface Builder {
        @BindsInstance Builder retriever(Retriever retriever);
        @BindsInstance Builder answerModels(AnswerModels models);
        @BindsInstance Builder rewriteModel(@Named("rewrite") ChatModel model);
        @BindsInstance Builder sessions(SessionStore sessions);
        @BindsInstance Builder promptSource(PromptSource source);
        @BindsInstance Builder settings(ChatSettings settings);
        @BindsInstance Builder clock(Clock clock);
        @BindsInstance Builder executor(@Named("pipeline") Executor executor);
        @BindsInstance Builder flushScheduler(FlushScheduler scheduler);
        @BindsInstance Builder sleeper(Sleeper sleeper);
        @BindsInstance Builder metrics(AnswerMetrics metrics);
        @BindsInstance Builder nanoTime(@Named("nanoTime") LongSupplier nanoTime);
        @BindsInstance Builder usageLimits(UsageLimits limits);
        PipelineComponent build();
    }
}
