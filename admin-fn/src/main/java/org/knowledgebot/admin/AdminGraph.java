package org.knowledgebot.admin;

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
import org.knowledgebot.core.config.EnvironmentGraphFactory;
import org.knowledgebot.core.documents.DocumentService;
import org.knowledgebot.core.feedback.FeedbackStore;
import org.knowledgebot.core.usage.UsageHistory;
import org.knowledgebot.session.SessionTableModule;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The admin function's object graph, built once per execution environment by the handler Lambda creates. */
@Singleton
@Component(modules = {CoreModule.class, AdminModule.class, SystemClockModule.class, AwsSupportModule.class,
        SessionTableModule.class, AdminGraph.AwsModule.class})
interface AdminGraph {
    AdminRoutes adminRoutes();

    /** The graph of a Lambda execution environment, from its variables: the handler Lambda creates builds it once. */
    static AdminGraph forLambda() {
        return DaggerAdminGraph.factory().create(Environment.system());
    }

    @Component.Factory
    interface Factory extends EnvironmentGraphFactory<AdminGraph> {
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

        /** The usage counts chat-fn keeps in the usage table ({@code USAGE_TABLE_NAME}), read with Query only. */
        @Provides
        @Singleton
        static UsageHistory usageHistory(DynamoDbClient client, Environment environment) {
            return new DynamoUsageHistory(client, environment.required("USAGE_TABLE_NAME"));
        }

        @Provides
        @Singleton
        static FeedbackStore feedbackStore(DynamoDbClient client, Environment environment) {
            return new DynamoFeedbackStore(client, environment.required("FEEDBACK_TABLE_NAME"));
        }
    }
}
