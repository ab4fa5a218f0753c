package org.knowledgebot.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.limits.UsageLimits;
import org.knowledgebot.core.observability.AnswerMetrics;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.pipeline.ChatPipeline;
import org.knowledgebot.core.usage.UsageTally;
import org.knowledgebot.core.wire.ChatEndpoint;

/**
 * A {@link ChatPipeline} and {@link ChatEndpoint} wired to fakes: work "beside the answer" runs on the calling
 * thread, retries do not wait (the requested pauses are recorded), time stands still unless a test advances
 * it. Change a collaborator with the {@code with...} methods before calling {@link #endpoint()}.
 */
public final class PipelineHarness {
    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final AtomicLong nanos = new AtomicLong();
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final RecordingOutput metricsOutput = new RecordingOutput();
    private final RecordingClientChannel channel = new RecordingClientChannel();
    private final InMemorySessionStore sessions = new InMemorySessionStore(clock);
    private ScriptedChatModel answerModel = ScriptedChatModel.answering("Hello", " world");
    private ScriptedChatModel rewriteModel = ScriptedChatModel.answering("A title");
    private FixedRetriever retriever = FixedRetriever.returning();
    private FixedPromptSource promptSource = new FixedPromptSource("Answer from the knowledge.");
    private ChatSettings settings = ChatSettings.defaults();
    private UsageLimits usageLimits = UsageLimits.unlimited();
    private UsageTally usageTally = UsageTally.none();

    public PipelineHarness withAnswerModel(ScriptedChatModel model) {
        this.answerModel = model;
        return this;
    }

    public PipelineHarness withRewriteModel(ScriptedChatModel model) {
        this.rewriteModel = model;
        return this;
    }

    public PipelineHarness withRetriever(FixedRetriever retriever) {
        this.retriever = retriever;
        return this;
    }

    public PipelineHarness withPromptSource(FixedPromptSource promptSource) {
        this.promptSource = promptSource;
        return this;
    }

    public PipelineHarness withSettings(ChatSettings settings) {
        this.settings = settings;
        return this;
    }

    public PipelineHarness withUsageLimits(UsageLimits limits) {
        this.usageLimits = limits;
        return this;
    }

    public PipelineHarness withUsageTally(UsageTally tally) {
        this.usageTally = tally;
        return this;
    }

    public ChatPipeline pipeline() {
        return new PipelineBuilder().retriever(retriever).answerModels(AnswerModels.single("claude", answerModel))
                .rewriteModel(rewriteModel).sessions(sessions).promptSource(promptSource).settings(settings)
                .clock(clock).sleeper(sleeps::add).metrics(new AnswerMetrics(settings.stage(), metricsOutput, clock))
                .nanoTime(nanos::get).usageLimits(usageLimits).usageTally(usageTally).build();
    }

    public ChatEndpoint endpoint() {
        return new ChatEndpoint(pipeline(), channel, settings.maxUserMessageChars());
    }

    public Clock clock() {
        return clock;
    }

    /** The monotonic clock the coalescer reads; tests advance it. */
    public AtomicLong nanos() {
        return nanos;
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    public RecordingOutput metricsOutput() {
        return metricsOutput;
    }

    public RecordingClientChannel channel() {
        return channel;
    }

    public InMemorySessionStore sessions() {
        return sessions;
    }

    public ScriptedChatModel answerModel() {
        return answerModel;
    }

    public ScriptedChatModel rewriteModel() {
        return rewriteModel;
    }

    public FixedRetriever retriever() {
        return retriever;
    }
}
