package org.knowledgebot.session;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import javax.inject.Singleton;
import org.knowledgebot.aws.AwsSupportModule;
import org.knowledgebot.core.CoreModule;
import org.knowledgebot.core.SystemClockModule;
import org.knowledgebot.core.config.Environment;
import org.knowledgebot.core.config.SettingsModule;
import org.knowledgebot.core.observability.EventLog;
import org.knowledgebot.core.port.SessionStore;
import org.knowledgebot.core.session.SessionOperations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The session function's object graph, built once per execution environment on first use. */
@Singleton
@Component(modules = {CoreModule.class, SystemClockModule.class, SettingsModule.class, AwsSupportModule.class,
        SessionGraph.DynamoModule.class, SessionGraph.Bindings.class})
interface SessionGraph {
    SessionOperations sessionOperations();

    EventLog eventLog();

    static SessionGraph instance() {
        return Holder.GRAPH;
    }

    @Component.Factory
    interface Factory {
        SessionGraph create(@BindsInstance Environment environment);
    }

    /** Lazy, thread-safe, once: the JVM initialises the holder class on first access. */
    final class Holder {
        private static final SessionGraph GRAPH = DaggerSessionGraph.factory().create(Environment.system());

        private Holder() {
        }
    }

    @Module
    final class DynamoModule {
        private DynamoModule() {
        }

        /** One client per execution environment. */
        @Provides
        @Singleton
        static DynamoDbClient dynamoDbClient(Environment environment) {
            return DynamoClients.fromEnvironment(environment);
        }

        @Provides
        @Singleton
        static DynamoSessionStore dynamoSessionStore(DynamoDbClient client, Environment environment, Clock clock) {
            return new DynamoSessionStore(client, environment.required("SESSIONS_TABLE_NAME"), clock);
        }
    }

    @Module
    interface Bindings {
        @Binds
        SessionStore sessionStore(DynamoSessionStore store);
    }
}
