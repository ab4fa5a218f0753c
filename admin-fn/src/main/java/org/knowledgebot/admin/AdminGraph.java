package org.knowledgebot.admin;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;
import org.knowledgebot.admin.documents.DocumentAdapters;
import org.knowledgebot.aws.AwsSupportModule;
import org.knowledgebot.core.CoreModule;
import org.knowledgebot.core.SystemClockModule;
import org.knowledgebot.core.admin.AdminModule;
import org.knowledgebot.core.admin.AdminRoutes;
import org.knowledgebot.core.admin.AuditLog;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.documents.DocumentService;
import org.knowledgebot.core.feedback.AnsweredTurns;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.session.DynamoSessionStore;
import org.knowledgebot.session.SessionTableModule;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The admin function's object graph, built once per execution environment on first use. */
@Singleton
@Component(modules = {CoreModule.class, AdminModule.class, SystemClockModule.class, AwsSupportModule.class,
        SessionTableModule.class, AdminGraph.AwsModule.class})
interface AdminGraph {
    AdminRoutes adminRoutes();

    static AdminGraph instance() {
        return Holder.GRAPH;
    }

    @Component.Factory
    interface Factory {
        AdminGraph create(@BindsInstance Environment environment);
    }

    /** Lazy, thread-safe, once: the JVM initialises the holder class on first access. */
    final class Holder {
        private static final AdminGraph GRAPH = DaggerAdminGraph.factory().create(Environment.system());

        private Holder() {
        }
    }

    @Module
    final class AwsModule {
        private AwsModule() {
        }

        @Provides
        @Singleton
        static Optional<DocumentService> documentService(Environment environment, AuditLog audit, Clock clock) {
            return DocumentAdapters.fromEnvironment(environment, audit, clock);
        }

        /** The caller's own session turns, read from the sessions table (Query only), to find a rated answer. */
        @Provides
        @Singleton
        static AnsweredTurns answeredTurns(DynamoSessionStore sessions) {
            return AnsweredTurns.in(sessions);
        }

        @Provides
        @Singleton
        static FeedbackStore feedbackStore(DynamoDbClient client, Environment environment) {
            return new DynamoFeedbackStore(client, environment.required("FEEDBACK_TABLE_NAME"));
        }
    }
}
