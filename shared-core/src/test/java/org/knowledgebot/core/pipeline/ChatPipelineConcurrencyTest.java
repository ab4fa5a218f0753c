package org.knowledgebot.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.domain.Passage;
import org.knowledgebot.core.domain.TurnStatus;
import org.knowledgebot.core.observability.AnswerMetrics;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.port.Completion;
import org.knowledgebot.core.port.PromptSource;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.testing.PipelineBuilder;
import org.knowledgebot.core.testing.FixedPromptSource;
import org.knowledgebot.core.testing.FixedRetriever;
import org.knowledgebot.core.testing.InMemorySessionStore;
import org.knowledgebot.core.testing.RecordingClientChannel;
import org.knowledgebot.core.testing.ScriptedChatModel;
import org.knowledgebot.core.wire.TypedResponseSink;

/** Work that must not wait on other work really runs beside it (a sequential pipeline would time out here). */
class ChatPipelineConcurrencyTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Clock clock = Clock.systemUTC();
    private final InMemorySessionStore sessions = new InMemorySessionStore(clock);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private ChatPipeline pipeline(Retriever retriever, ChatModel rewrite, PromptSource prompt) {
        return new PipelineBuilder().retriever(retriever).answerModel(ScriptedChatModel.answering("Hello", " there"))
                .rewriteModel(rewrite).sessions(sessions).promptSource(prompt).clock(clock).executor(executor)
                .nanoTime(System::nanoTime).build();
    }

    @Test
    void theSystemPromptIsFetchedWhileRetrievalRuns() {
        // given a prompt source that can only finish once retrieval has started
        CountDownLatch retrievalStarted = new CountDownLatch(1);
        Retriever retriever = question -> {
            retrievalStarted.countDown();
            return List.<Passage>of();
        };
        PromptSource prompt = () -> {
            try {
                if (!retrievalStarted.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the prompt was fetched before retrieval, not beside it");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "Be brief.";
        };
        RecordingClientChannel channel = new RecordingClientChannel();

        // when
        ChatOutcome outcome = pipeline(retriever, ScriptedChatModel.answering("Title"), prompt)
                .answer(new ChatRequest(Identity.of("u"), "r", null, "Hi", null, null),
                        new TypedResponseSink(channel, "c", "r"));

        // then
        assertThat(outcome.savedAs()).isEqualTo(TurnStatus.COMPLETE);
    }

    @Test
    void theSessionTitleDoesNotDelayTheFirstToken() {
        // given a title model that can only answer once the first token reached the client
        CountDownLatch firstTokenSent = new CountDownLatch(1);
        ChatModel slowTitle = (request, listener, cancellation) -> {
            try {
                if (!firstTokenSent.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the answer waited for the title");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener.onDelta("Greeting");
            return new Completion("end_turn", null);
        };
        ClientChannel channel = new ClientChannel() {
            @Override
            public void send(String connectionId, String frame) {
                if (frame.contains("\"type\":\"token\"")) {
                    firstTokenSent.countDown();
                }
            }

            @Override
            public void disconnect(String connectionId) {
            }
        };

        // when
        ChatOutcome outcome = pipeline(FixedRetriever.returning(), slowTitle, new FixedPromptSource("P"))
                .answer(new ChatRequest(Identity.of("u"), "r", null, "Hi there", null, null),
                        new TypedResponseSink(channel, "c", "r"));

        // then the model's title (not the fallback) was saved, so it was produced after the first token
        assertThat(sessions.find("u", outcome.sessionId()).orElseThrow().title()).isEqualTo("Greeting");
    }
}
