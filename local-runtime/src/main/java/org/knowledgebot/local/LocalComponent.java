package org.knowledgebot.local;

import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Named;
import javax.inject.Singleton;
import org.knowledgebot.aws.AwsSupportModule;
import org.knowledgebot.core.CoreModule;
import org.knowledgebot.core.SystemClockModule;
import org.knowledgebot.core.admin.AdminModule;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.config.SettingsModule;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.pipeline.AnswerModels;
import org.knowledgebot.core.port.Retriever;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.session.SessionOperations;
import org.knowledgebot.core.wire.ChatEndpoint;
import org.knowledgebot.local.admin.LocalAdminModule;
import org.knowledgebot.local.admin.LocalDocumentStore;
import org.knowledgebot.local.config.LocalSettings;
import org.knowledgebot.local.gateway.LocalConnections;

/** The whole chatbot's graph in one process: shared-core's use cases over the local (or hybrid) adapters. */
@Singleton
@Component(modules = {CoreModule.class, SystemClockModule.class, SettingsModule.class, LocalAdaptersModule.class,
        AdminModule.class, LocalAdminModule.class, AwsSupportModule.class})
public interface LocalComponent {
    ChatEndpoint chatEndpoint();

    SessionOperations sessionOperations();

    EventLog eventLog();

    SessionStore sessionStore();

    AdminRoutes adminRoutes();

    FeedbackStore feedbackStore();

    Optional<LocalDocumentStore> localDocuments();

    Retriever retriever();

    AnswerModels answerModels();

    Clock clock();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder settings(LocalSettings settings);

        @BindsInstance
        Builder connections(LocalConnections connections);

        /** Where the knowledge files are served, the base of the sources' URIs; empty for file:// URIs. */
        @BindsInstance
        Builder knowledgeBaseUrl(@Named("knowledgeBaseUrl") String url);

        LocalComponent build();
    }
}
