package org.knowledgebot.core;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Named;
import org.junit.jupiter.api.Test;
import org.knowledgebot.core.config.ChatSettings;
import org.knowledgebot.core.limits.InMemoryUsageCounters;
import org.knowledgebot.core.limits.UsageLimitSettings;
import org.knowledgebot.core.domain.Identity;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.port.ChatModel;
import org.knowledgebot.core.port.ClientChannel;
import org.knowledgebot.core.port.PromptSource;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.port.UsageCounters;
import org.knowledgebot.core.session.SessionOperations;
import org.knowledgebot.core.session.SessionProtocol;
import org.knowledgebot.core.testing.FixedPromptSource;
import org.knowledgebot.core.testing.FixedRetriever;
import org.knowledgebot.core.testing.InMemorySessionStore;
import org.knowledgebot.core.testing.RecordingClientChannel;
import org.knowledgebot.core.testing.ScriptedChatModel;
import org.knowledgebot.core.wire.ChatEndpoint;

class CoreModuleTest {

    /** The shape of a function's component: adapters bound as instances, the core from CoreModule. */
    @Component(modules = CoreModule.class)
    interface TestComponent {
        ChatEndpoint chatEndpoint();

        @Component.Builder
        interface Builder {
            @BindsInstance Builder retriever(Retriever retriever);
            @BindsInstance Builder answerModels(AnswerModels models);
            @BindsInstance Builder rewriteModel(@Named("rewrite") ChatModel model);
            @BindsInstance Builder sessions(SessionStore store);
            @BindsInstance Builder prompt(PromptSource source);
            @BindsInstance Builder channel(ClientChannel channel);
            @BindsInstance Builder settings(ChatSettings settings);
            @BindsInstance Builder clock(Clock clock);
            @BindsInstance Builder usageLimitSettings(UsageLimitSettings settings);
            @BindsInstance Builder usageCounters(UsageCounters counters);
            TestComponent build();
        }
    }

    /** A session function needs only the store, the clock and the settings. */
    @Component(modules = CoreModule.class)
    interface SessionComponent {
        SessionOperations sessionOperations();

        @Component.Builder
        interface Builder {
            @BindsInstance Builder sessions(SessionStore store);
            @BindsInstance Builder clock(Clock clock);
            @BindsInstance Builder settings(ChatSettings settings);
            SessionComponent build();
        }
    }

    @Test
    void aComponentWithTheRequiredBindingsAnswersEndToEnd() {
        // given
        Clock clock = Clock.systemUTC();
        RecordingClientChannel channel = new RecordingClientChannel();
        InMemorySessionStore sessions = new InMemorySessionStore(clock);
        TestComponent component = DaggerCoreModuleTest_TestComponent.builder()
                .retriever(FixedRetriever.returning()).answerModels(AnswerModels.single("claude",
                        ScriptedChatModel.answering("Hi!"))).rewriteModel(ScriptedChatModel.answering("Greeting"))
                .sessions(sessions).prompt(new FixedPromptSource("Be brief.")).channel(channel)
                .settings(ChatSettings.defaults()).clock(clock).usageLimitSettings(UsageLimitSettings.none())
                .usageCounters(new InMemoryUsageCounters(clock)).build();

        // when
        component.chatEndpoint().onMessage("c1", Identity.of("u1"),
                "{\"action\":\"getChatbotResponse\",\"data\":{\"userMessage\":\"Hello\"}}");

        // then
        assertThat(channel.frames()).containsExactly("Hi!", "!<|EOF_STREAM|>!", "[]");
        assertThat(sessions.listRecent("u1", 1)).singleElement()
                .satisfies(summary -> assertThat(summary.title()).isEqualTo("Greeting"));
        assertThat(component.chatEndpoint()).isSameAs(component.chatEndpoint());
    }

    @Test
    void aSessionOnlyComponentNeedsJustTheStoreAndTheClock() {
        // given
        SessionComponent component = DaggerCoreModuleTest_SessionComponent.builder()
                .sessions(new InMemorySessionStore(Clock.systemUTC())).clock(Clock.systemUTC())
                .settings(ChatSettings.defaults()).build();

        // when
        int status = component.sessionOperations().handle("u1", SessionProtocol.listSessionsRequest("u1", false))
                .statusCode();

        // then
        assertThat(status).isEqualTo(200);
    }
}
